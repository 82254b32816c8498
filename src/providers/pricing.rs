//! The cost of an answer from the pricing table: tokens times the price per million
//! tokens of the provider and model that answered (a provider-specific price wins over
//! a model-wide one). Amounts are millionths of the currency unit so that sums are exact.

use crate::config::Price;
use crate::openai::Usage;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pricing {
    prices: Vec<Price>,
}

impl Pricing {
    pub fn new(prices: Vec<Price>) -> Pricing {
        Pricing { prices }
    }

    /// How many prices the table holds.
    pub fn len(&self) -> usize {
        self.prices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.prices.is_empty()
    }

    fn price(&self, provider: &str, model: &str) -> Option<&Price> {
        let for_model = || self.prices.iter().filter(move |p| p.model == model);
        for_model()
            .find(|p| p.provider.as_deref() == Some(provider))
            .or_else(|| for_model().find(|p| p.provider.is_none()))
    }

    /// Input plus output price per million tokens of `model` at `provider`, for the
    /// `cost` routing strategy; `None` when the model has no price there. Currencies
    /// are not converted: a pricing table is expected to use one.
    pub fn list_price(&self, provider: &str, model: &str) -> Option<f64> {
        self.price(provider, model)
            .map(|p| p.input_per_million + p.output_per_million)
    }

    /// `(currency, micros)`, or `None` when the model has no price.
    pub fn cost(&self, provider: &str, model: &str, tokens: Usage) -> Option<(String, u64)> {
        let price = self.price(provider, model)?;
        let cached = tokens.cached.unwrap_or(0).min(tokens.prompt);
        // tokens x (units per million tokens) = millionths of a unit.
        let micros = (tokens.prompt - cached) as f64 * price.input_per_million
            + cached as f64 * price.cached_input_per_million
            + tokens.completion as f64 * price.output_per_million;
        Some((price.currency.clone(), micros.round() as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(provider: Option<&str>, input: f64, cached: f64, output: f64) -> Price {
        Price {
            provider: provider.map(str::to_owned),
            model: "m".into(),
            input_per_million: input,
            cached_input_per_million: cached,
            output_per_million: output,
            currency: "USD".into(),
        }
    }

    #[test]
    fn cost_is_tokens_times_price_per_million_with_the_provider_price_first() {
        let pricing = Pricing::new(vec![
            price(None, 1.0, 1.0, 2.0),
            price(Some("eu"), 0.15, 0.075, 0.6),
        ]);
        let t = Usage {
            prompt: 1000,
            cached: Some(400),
            completion: 500,
        };
        // 600 x 0.15 + 400 x 0.075 + 500 x 0.6 = 90 + 30 + 300 micros
        assert_eq!(pricing.cost("eu", "m", t), Some(("USD".into(), 420)));
        assert_eq!(pricing.cost("us", "m", t), Some(("USD".into(), 2000)));
        assert_eq!(pricing.cost("eu", "other", t), None);
        assert_eq!(pricing.list_price("eu", "m"), Some(0.75));
        assert_eq!(pricing.list_price("us", "m"), Some(3.0));
        assert_eq!(pricing.list_price("eu", "other"), None);
    }
}
