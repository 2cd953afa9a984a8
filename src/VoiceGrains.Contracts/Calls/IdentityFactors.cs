namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// What has verified the caller as the call's customer. One factor lets them hear their own records; a change (cancel,
/// return, exchange, items, payment, addresses, email) needs two. Caller ID counts as one, never alone: it can be spoofed.
/// </summary>
[Flags, GenerateSerializer, Alias("VoiceGrains.IdentityFactors")]
public enum IdentityFactors
{
    None = 0,

    /// <summary>Calling from the phone number on file.</summary>
    Phone = 1,

    /// <summary>The email address on the account.</summary>
    Email = 2,

    /// <summary>Full name and the ZIP code of the account's address.</summary>
    NameAndZip = 4,

    /// <summary>The one-time code texted to the phone number on file.</summary>
    TextedCode = 8,
}
