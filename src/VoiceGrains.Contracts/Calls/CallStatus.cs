namespace VoiceGrains.Contracts.Calls;

/// <summary>Where a call is in its life; stored in lower case in the calls table.</summary>
[GenerateSerializer, Alias("VoiceGrains.CallStatus")]
public enum CallStatus
{
    Ringing,
    Greeting,
    Listening,
    Thinking,
    Speaking,
    Ended,
}
