namespace VoiceGrains.Audio.Echo;

/// <summary>
/// Takes the agent's own voice out of what the caller's line sends back (a speakerphone, a loud handset), so the
/// agent does not hear itself and stop for it. SpeexDSP's adaptive filter (MDF) learns the path from what was played
/// to what was heard and subtracts its estimate; SpeexDSP's preprocessor then suppresses the echo the filter leaves
/// (its suppression only acts with its noise suppression on, so that stays on at SpeexDSP's default −15 dB).
/// Measured (BENCHMARKS.md, "Echo"): without the preprocessor the filter's residue still made the VAD hear voice in 2
/// of 50 agent sentences; with it, none, at the price of a caller talking over the agent coming through about 6 dB
/// quieter while both talk.
/// The filter covers <c>tail</c> of delay: the echo must arrive within it of the audio that caused it. One per
/// call, 20 ms frames, not thread-safe.
/// </summary>
public sealed unsafe class EchoCanceller : IDisposable
{
    readonly nint echo;
    readonly nint preprocess;
    bool disposed;

    /// <exception cref="DllNotFoundException">libspeexdsp.so.1 is not installed (Debian: libspeexdsp1).</exception>
    public EchoCanceller(int sampleRate, TimeSpan tail)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (tail < TimeSpan.FromMilliseconds(Frames.Milliseconds) || tail > TimeSpan.FromSeconds(2))
        {
            throw new ArgumentOutOfRangeException(nameof(tail), tail, "An echo tail runs from one frame (20 ms) to 2 s.");
        }
        FrameSize = Frames.SamplesPerFrame(sampleRate);
        echo = SpeexDspNative.EchoStateInit(FrameSize, (int)(sampleRate * tail.TotalSeconds));
        preprocess = SpeexDspNative.PreprocessStateInit(FrameSize, sampleRate);
        var rate = sampleRate;
        if (SpeexDspNative.EchoControl(echo, SpeexDspNative.EchoSetSamplingRate, &rate) != 0
            || SpeexDspNative.PreprocessControl(preprocess, SpeexDspNative.PreprocessSetEchoState, (void*)echo) != 0)
        {
            Dispose();
            throw new InvalidOperationException("SpeexDSP refused the echo canceller's settings; libspeexdsp is not the 1.2 interface this was written for.");
        }
    }

    /// <summary>Samples in one frame (20 ms).</summary>
    public int FrameSize { get; }

    /// <summary>
    /// One frame: what the line brought (<paramref name="heard"/>), what was playing to the caller as it was heard
    /// (<paramref name="played"/>; silence when the agent was quiet), and the caller's side alone out.
    /// </summary>
    public void Cancel(ReadOnlySpan<short> heard, ReadOnlySpan<short> played, Span<short> cleaned)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (heard.Length != FrameSize || played.Length != FrameSize || cleaned.Length != FrameSize)
        {
            throw new ArgumentException($"The echo canceller takes frames of {FrameSize} samples.");
        }
        fixed (short* recorded = heard)
        fixed (short* reference = played)
        fixed (short* output = cleaned)
        {
            SpeexDspNative.EchoCancellation(echo, recorded, reference, output);
            // The preprocessor's return value is its own voice detection, which is off.
            _ = SpeexDspNative.PreprocessRun(preprocess, output);
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        SpeexDspNative.PreprocessStateDestroy(preprocess);
        SpeexDspNative.EchoStateDestroy(echo);
    }
}
