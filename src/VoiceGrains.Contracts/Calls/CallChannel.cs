namespace VoiceGrains.Contracts.Calls;

/// <summary>What the caller is on: a telephone line through the carrier, or a browser (the console's softphone, or
/// Twilio's Voice JavaScript SDK, whose calls arrive "from" client:identity).</summary>
[GenerateSerializer, Alias("VoiceGrains.CallChannel")]
public enum CallChannel
{
    Phone,
    Browser,
}
