from django.core import checks


@checks.register(checks.Tags.security, deploy=False)
def mfa_encryption_key_is_usable(app_configs, **kwargs):
    """A malformed key would only surface when an advisor first logs in: say so at start-up."""
    from portal.adapters import mfa_fernet

    try:
        mfa_fernet()
    except ValueError as error:
        return [
            checks.Error(
                f"MFA_ENCRYPTION_KEY is not a comma-separated list of Fernet keys: {error}",
                id="portal.E001",
            )
        ]
    return []
