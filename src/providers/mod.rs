//! Provider adapters behind one trait, and the router that picks among allowed ones.
