namespace VoiceGrains.Speech.Vad;

/// <summary>
/// One caller utterance for recognition: its audio begins at <c>AudioStart</c> (the pre-roll before the detected
/// <c>SpeechStart</c>) and ends at <c>SpeechEnd</c>.
/// </summary>
public sealed record Utterance(TimeSpan AudioStart, TimeSpan SpeechStart, TimeSpan SpeechEnd, float[] Audio, int SampleRate);
