"""The configuration repository: documents (document.py), byte spans (xmltokens.py), the repository (repository.py)."""
