"""The kitchen screen: PySide6 widgets over kds.app's models."""
