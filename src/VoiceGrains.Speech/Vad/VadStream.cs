using VoiceGrains.Audio;

namespace VoiceGrains.Speech.Vad;

/// <summary>
/// Voice activity for one audio stream (one call). Takes samples in blocks of any size at 8 or 16 kHz, scores
/// each 32 ms window with the shared model, and turns the scores into start/end events. Its state is a few
/// kilobytes (the model's recurrent state, the window and its context); not thread-safe: one per call.
/// </summary>
public sealed class VadStream
{
    readonly SileroVadModel model;
    readonly VadOptions options;
    readonly int windowSize;
    readonly int contextSize;
    readonly float[] input;
    readonly float[] state = new float[SileroVadModel.StateLength];
    readonly long[] rate;
    readonly FrameAccumulator<float> windows;

    long processed;            // samples scored so far
    long? candidateStart;      // first sample of speech not yet long enough to report
    bool onsetReported;        // a VoiceOnset for the candidate has gone out
    long? speechStart;         // reported segment start (unpadded)
    long? silenceStart;        // where the current run of silence inside a segment began
    double probabilitySum;
    int probabilityCount;

    public VadStream(SileroVadModel model, int sampleRate, VadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "Silero VAD runs at 8000 or 16000 Hz; resample first.");
        }
        this.model = model;
        this.options = options ?? new VadOptions();
        if (this.options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }
        SampleRate = sampleRate;
        windowSize = sampleRate == 16000 ? 512 : 256;
        contextSize = sampleRate == 16000 ? 64 : 32;
        input = new float[contextSize + windowSize];
        rate = [sampleRate];
        windows = new FrameAccumulator<float>(windowSize);
    }

    public int SampleRate { get; }

    /// <summary>True while inside a reported speech segment.</summary>
    public bool InSpeech => speechStart is not null;

    /// <summary>
    /// Every speech segment of a whole clip (8 or 16 kHz), fed in 20 ms blocks as a call delivers them; a segment
    /// still open at the end of the clip is closed there, after every block has been pushed.
    /// </summary>
    public static List<SpeechEnded> FindSegments(SileroVadModel model, AudioClip clip, VadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var stream = new VadStream(model, clip.SampleRate, options);
        var events = new List<VadEvent>();
        foreach (var block in clip.Samples.Chunk(Frames.SamplesPerFrame(clip.SampleRate)))
        {
            events.AddRange(stream.Push(block));
        }
        events.AddRange(stream.Complete());
        return events.OfType<SpeechEnded>().ToList();
    }

    /// <summary>Scores the new samples; returns the events they complete, in order.</summary>
    public List<VadEvent> Push(ReadOnlySpan<float> samples)
    {
        var events = new List<VadEvent>();
        foreach (var window in windows.Push(samples))
        {
            Array.Copy(input, windowSize, input, 0, contextSize);   // the last 64 (32) samples become the context
            window.CopyTo(input, contextSize);
            var probability = model.Score(input, state, rate);
            var windowStart = processed;
            processed += windowSize;
            Step(probability, windowStart, events);
        }
        return events;
    }

    /// <summary>Ends an open segment at the end of the stream (a hang-up mid-sentence).</summary>
    public List<VadEvent> Complete()
    {
        var events = new List<VadEvent>();
        if (speechStart is { } start)
        {
            events.Add(End(start, processed));
        }
        return events;
    }

    void Step(float probability, long windowStart, List<VadEvent> events)
    {
        var minSpeech = Samples(options.MinSpeech);
        if (speechStart is null)
        {
            if (probability >= options.Threshold)
            {
                candidateStart ??= windowStart;
            }
            else if (probability < options.NegativeThreshold)
            {
                if (onsetReported)
                {
                    events.Add(new FalseStart());
                }
                candidateStart = null;
                onsetReported = false;
                probabilitySum = probabilityCount = 0;
                return;
            }
            if (candidateStart is { } candidate)
            {
                Accumulate(probability);
                if (!onsetReported && processed - candidate >= Math.Min(Samples(options.MinInterruption), minSpeech))
                {
                    onsetReported = true;
                    events.Add(new VoiceOnset(Time(candidate)));
                }
                if (processed - candidate >= minSpeech)
                {
                    speechStart = candidate;
                    candidateStart = null;
                    onsetReported = false;
                    events.Add(new SpeechStarted(Time(Math.Max(0, candidate - Samples(options.SpeechPad)))));
                }
            }
            return;
        }

        Accumulate(probability);
        if (probability >= options.Threshold)
        {
            silenceStart = null;
        }
        else if (probability < options.NegativeThreshold)
        {
            silenceStart ??= windowStart;
            if (processed - silenceStart >= Samples(options.MinSilence))
            {
                events.Add(End(speechStart.Value, silenceStart.Value));
            }
        }
    }

    SpeechEnded End(long start, long end)
    {
        var ended = new SpeechEnded(
            Time(Math.Max(0, start - Samples(options.SpeechPad))),
            Time(Math.Min(processed, end + Samples(options.SpeechPad))),
            probabilityCount == 0 ? 0 : (float)(probabilitySum / probabilityCount));
        speechStart = null;
        silenceStart = null;
        probabilitySum = probabilityCount = 0;
        return ended;
    }

    void Accumulate(float probability)
    {
        probabilitySum += probability;
        probabilityCount++;
    }

    long Samples(TimeSpan duration) => (long)(duration.TotalSeconds * SampleRate);

    TimeSpan Time(long samples) => TimeSpan.FromSeconds((double)samples / SampleRate);
}
