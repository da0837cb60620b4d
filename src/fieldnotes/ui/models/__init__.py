"""Qt item models: plain rows for views; no database session is ever held here."""
