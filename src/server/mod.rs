//! The HTTP edge: router, auth, errors, TLS, admin API. The only module that knows HTTP.
