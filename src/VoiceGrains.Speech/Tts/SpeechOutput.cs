namespace VoiceGrains.Speech.Tts;

/// <summary>What a synthesizer emits: audio frames, and a mark after each sentence (Twilio echoes marks back once played).</summary>
public abstract record SpeechOutput;

/// <summary>20 ms of 8 kHz μ-law: one Twilio media message.</summary>
public sealed record SpeechFrame(byte[] MuLaw) : SpeechOutput;

/// <summary>Every frame of sentence <c>Index</c> has been emitted.</summary>
public sealed record SentenceSpoken(int Index, string Text) : SpeechOutput;
