namespace VoiceGrains.Speech.Stt;

public sealed record TranscriptSegment(TimeSpan Start, TimeSpan End, string Text, float Probability);
