"""The desktop window: Qt widgets, dialogs and item models around the services."""
