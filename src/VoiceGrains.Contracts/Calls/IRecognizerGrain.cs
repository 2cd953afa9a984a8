namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// Hears one call: activated by the call's audio-in stream (implicit subscription, keyed by call sid), it finds
/// the caller's utterances and reports them to the call as caller turns.
/// </summary>
[Alias("VoiceGrains.IRecognizerGrain")]
public interface IRecognizerGrain : IGrainWithStringKey;
