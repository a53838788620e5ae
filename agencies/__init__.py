"""The agency files bundled with DetailQuote: one TOML file per agency, and the pages they cite."""
