//! The auditor's console: a page to browse, verify and export the audit trail. This
//! module owns the page itself (HTML, CSS and vanilla JavaScript embedded in the binary:
//! no CDN, no build step), the view of the trail it shows ([`trail`]: filters, pages,
//! details, summaries) and where the records come from ([`source`]: the live log or an
//! exported bundle). The HTTP routes that serve it are the edge's (`server::console`).

pub mod source;
pub mod trail;

/// One embedded file of the page.
pub struct Asset {
    pub path: &'static str,
    pub content_type: &'static str,
    pub body: &'static str,
}

/// The page's files, served under `/console`.
pub const ASSETS: [Asset; 3] = [
    Asset {
        path: "/console",
        content_type: "text/html; charset=utf-8",
        body: include_str!("assets/index.html"),
    },
    Asset {
        path: "/console/app.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_str!("assets/app.js"),
    },
    Asset {
        path: "/console/app.css",
        content_type: "text/css; charset=utf-8",
        body: include_str!("assets/app.css"),
    },
];

/// The page's Content-Security-Policy: its own script and style files only, no inline
/// script or style, no other origin, never framed. The page draws its charts as SVG
/// elements and talks to its own origin's JSON routes.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
