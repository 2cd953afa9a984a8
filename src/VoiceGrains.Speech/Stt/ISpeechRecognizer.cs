namespace VoiceGrains.Speech.Stt;

/// <summary>Turns one utterance (16 kHz mono) into text. Production has one implementation: <see cref="WhisperTranscriber"/>.</summary>
public interface ISpeechRecognizer
{
    Task<Transcription> TranscribeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken);
}
