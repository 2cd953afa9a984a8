namespace VoiceGrains.Contracts.Calls;

[GenerateSerializer, Alias("VoiceGrains.Speaker")]
public enum Speaker
{
    Caller,
    Agent,
    System,
}
