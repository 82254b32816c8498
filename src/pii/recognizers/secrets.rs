//! SECRET: credentials pasted into prompts. Cloud access keys (AWS, Google, Azure
//! storage), provider API keys (OpenAI, Anthropic), GitHub, Slack and Stripe tokens,
//! private key blocks and JWTs. Prefixes are distinctive, so confidence is high.

use base64::Engine as _;

use super::{whole, Pattern};
use crate::pii::entity::Entity;

pub fn patterns() -> Vec<Pattern> {
    vec![
        Pattern::new("aws_access_key", Entity::Secret, r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b", sure),
        Pattern::new("aws_secret_key", Entity::Secret, r"\b[A-Za-z0-9/+]{40}\b", aws_secret)
            .context(&["aws_secret", "secret access key", "secret_access_key", "aws secret", "secretaccesskey"]).alone(0.4),
        Pattern::new("google_api_key", Entity::Secret, r"\bAIza[0-9A-Za-z_-]{35}\b", sure),
        Pattern::new("azure_storage_key", Entity::Secret, r"AccountKey=[A-Za-z0-9+/]{80,90}={0,2}", sure),
        Pattern::new("github_token", Entity::Secret, r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,100}\b|\bgithub_pat_[A-Za-z0-9_]{22,120}\b", sure),
        Pattern::new("slack_token", Entity::Secret, r"\bxox[abposr]-[A-Za-z0-9-]{10,100}\b", sure),
        Pattern::new("slack_webhook", Entity::Secret, r"https://hooks\.slack\.com/services/[A-Za-z0-9/_]{20,100}", sure),
        Pattern::new("stripe_key", Entity::Secret, r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,100}\b", sure),
        Pattern::new("anthropic_key", Entity::Secret, r"\bsk-ant-[A-Za-z0-9_-]{20,120}", sure),
        Pattern::new("openai_key", Entity::Secret, r"\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,180}", openai),
        Pattern::new(
            "private_key",
            Entity::Secret,
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----",
            sure,
        )
        .multiline(),
        Pattern::new("jwt", Entity::Secret, r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", jwt),
    ]
}

fn sure(s: &str) -> Option<(usize, f32)> {
    whole(s, 0.95)
}

fn aws_secret(s: &str) -> Option<(usize, f32)> {
    // A git SHA-1 is 40 hex characters: a real secret key mixes cases and digits.
    let upper = s.bytes().any(|b| b.is_ascii_uppercase());
    let lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let digit = s.bytes().any(|b| b.is_ascii_digit());
    (upper && lower && digit).then_some((s.len(), 0.4))
}

fn openai(s: &str) -> Option<(usize, f32)> {
    // `sk-ant-` is Anthropic's and matched by its own pattern with the same entity.
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    (digits >= 2 && !s.starts_with("sk-ant-")).then_some((s.len(), 0.9))
}

fn jwt(s: &str) -> Option<(usize, f32)> {
    let header = s.split('.').next()?;
    let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(header.trim_end_matches('='))
        .ok()?;
    let text = std::str::from_utf8(&decoded).ok()?;
    text.contains("\"alg\"").then_some((s.len(), 0.95))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwt_needs_a_header() {
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assert!(jwt(token).is_some());
        assert!(jwt("eyJub3RoaW5nIjoxfQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmN").is_none());
    }

    #[test]
    fn sha1_is_not_an_aws_secret() {
        assert!(aws_secret("da39a3ee5e6b4b0d3255bfef95601890afd80709").is_none());
        assert!(aws_secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").is_some());
    }
}
