using System.Runtime.InteropServices;
using System.Text;

namespace VoiceGrains.Speech.Tts;

/// <summary>
/// espeak-ng as the built-in voice: real, intelligible speech in many languages, with no model to download.
/// The library keeps one global synthesizer per process, so every use goes through one lock; callers run it on
/// the inference pool. Also the phonemizer Piper voices are trained on (<see cref="ToIpa"/>).
/// </summary>
public sealed unsafe class EspeakEngine : ITextToSpeechEngine
{
    static readonly Lock Gate = new();
    static int sampleRate;
    static List<short>? capture;
    static CancellationToken captureCancellation;

    readonly string voice;
    readonly int wordsPerMinute;

    public EspeakEngine(string voice = "en-us", int wordsPerMinute = 175)
    {
        this.voice = voice;
        this.wordsPerMinute = wordsPerMinute;
        lock (Gate)
        {
            if (sampleRate == 0)
            {
                sampleRate = Load();
            }
            Select();
        }
    }

    public string Name => $"espeak-ng:{voice}";

    public int SampleRate => sampleRate;

    public float[] Synthesize(string sentence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var text = Encoding.UTF8.GetBytes(sentence + "\0");
        lock (Gate)
        {
            Select();
            capture = new List<short>(sampleRate * 3);
            captureCancellation = cancellationToken;
            try
            {
                fixed (byte* pointer = text)
                {
                    var error = EspeakNative.Synth(pointer, (nuint)text.Length, 0, EspeakNative.PositionCharacter, 0,
                        EspeakNative.CharsUtf8 | EspeakNative.EndPause, null, 0);
                    if (error != 0 && !cancellationToken.IsCancellationRequested)
                    {
                        throw new InvalidOperationException($"espeak-ng failed to synthesize ({error}).");
                    }
                }
                var samples = new float[capture.Count];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = capture[i] / 32768f;
                }
                return samples;
            }
            finally
            {
                capture = null;
            }
        }
    }

    /// <summary>IPA phonemes of a text, as espeak-ng gives them (clauses joined by spaces).</summary>
    public string ToIpa(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        var phonemes = new StringBuilder();
        lock (Gate)
        {
            Select();
            fixed (byte* start = bytes)
            {
                var cursor = start;
                while (cursor != null && *cursor != 0)
                {
                    var clause = EspeakNative.TextToPhonemes(&cursor, EspeakNative.TextModeUtf8, EspeakNative.PhonemesIpa);
                    phonemes.Append(Marshal.PtrToStringUTF8(clause)).Append(' ');
                }
            }
        }
        return phonemes.ToString().Trim();
    }

    void Select()
    {
        if (EspeakNative.SetVoiceByName(voice) != 0)
        {
            throw new ArgumentException($"espeak-ng has no voice '{voice}' (espeak-ng --voices lists them).");
        }
        if (EspeakNative.SetParameter(EspeakNative.ParameterRate, wordsPerMinute, 0) != 0)
        {
            throw new ArgumentException($"espeak-ng refused the speaking rate {wordsPerMinute} words a minute.");
        }
    }

    static int Load()
    {
        int rate;
        try
        {
            rate = EspeakNative.Initialize(EspeakNative.AudioOutputSynchronous, 100, null, EspeakNative.InitializeDontExit);
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException("libespeak-ng is not installed (Debian: apt-get install espeak-ng libespeak-ng1).", e);
        }
        if (rate <= 0)
        {
            throw new InvalidOperationException("espeak-ng could not start: its data (espeak-ng-data) was not found.");
        }
        EspeakNative.SetSynthCallback(&OnSamples);
        return rate;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    static int OnSamples(short* samples, int count, nint events)
    {
        if (samples != null && count > 0)
        {
            capture?.AddRange(new ReadOnlySpan<short>(samples, count));
        }
        return captureCancellation.IsCancellationRequested ? 1 : 0;       // 1 asks espeak-ng to stop
    }
}
