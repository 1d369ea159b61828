"""The wire: REST client, hub client and token store, turning bytes into kds.core objects."""
