"""The desktop app (Qt). The only package that imports PySide6 or shows message boxes."""
