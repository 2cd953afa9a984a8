namespace VoiceGrains.Contracts.Calls;

[GenerateSerializer, Alias("VoiceGrains.CallDirection")]
public enum CallDirection
{
    Inbound,
    Outbound,
}
