using System.Text.Json;
using VoiceGrains.Audio;
using VoiceGrains.Speech.Vad;
using Xunit.Abstractions;

namespace VoiceGrains.Speech.Tests;

public sealed class VadTests(SileroFixture silero, ITestOutputHelper output) : IClassFixture<SileroFixture>
{
    // Silero v6.2's own segments for jfk.wav (testdata/audio/jfk.segments.json, silero_v6_2_default_segments).
    static readonly (double Start, double End)[] JfkReference = [(0.32, 2.27), (3.27, 4.45), (5.38, 7.68), (8.16, 10.62)];

    [SharedDataFact]
    public void TheFourPhrasesOfJfkAreFoundWithinAHundredAndFiftyMilliseconds()
    {
        var segments = Segments.Detect(silero.Model, WavFile.Read(SharedData.PathOf("audio", "jfk.wav")));

        output.WriteLine(string.Join(", ", segments.Select(s => $"{s.Start:0.00}–{s.End:0.00}")));
        Assert.Equal(JfkReference.Length, segments.Count);
        foreach (var (found, expected) in segments.Zip(JfkReference))
        {
            Assert.InRange(found.Start, expected.Start - 0.15, expected.Start + 0.15);
            Assert.InRange(found.End, expected.End - 0.15, expected.End + 0.15);
        }
    }

    [SharedDataFact]
    public void OnTheSpeechSetSpeechIsCoveredAndNonSpeechIsLeftAlone()
    {
        var score = new FrameScore();
        foreach (var recording in SpeechRecordings.All())
        {
            score.Add(recording.Speech, Segments.Detect(silero.Model, recording.Clip), recording.Clip.Duration.TotalSeconds);
        }

        output.WriteLine($"speech covered {score.Covered(collar: false):P1}, non-speech flagged {score.Flagged(collar: false):P1} (no collar)");
        output.WriteLine($"speech covered {score.Covered(collar: true):P1}, non-speech flagged {score.Flagged(collar: true):P1} (0.25 s collar)");
        // Judged without the collar: every edge frame counts against the detector.
        Assert.True(score.Covered(collar: false) >= 0.95, $"covered {score.Covered(collar: false):P1}");
        Assert.True(score.Flagged(collar: false) <= 0.05, $"flagged {score.Flagged(collar: false):P1}");
    }

    [ModelTheory("silero-vad")]
    [InlineData(16000)]
    [InlineData(8000)]
    public void DigitalSilenceAndQuietWhiteNoiseAreNotSpeech(int sampleRate)
    {
        var silence = new float[sampleRate * 10];
        var random = new Random(42);
        var amplitude = Math.Pow(10, -30 / 20.0) * Math.Sqrt(3);     // uniform noise with an RMS of -30 dBFS
        var noise = Enumerable.Range(0, sampleRate * 10).Select(_ => (float)((random.NextDouble() * 2 - 1) * amplitude)).ToArray();

        Assert.Empty(Segments.Detect(silero.Model, new AudioClip(silence, sampleRate)));
        Assert.Empty(Segments.Detect(silero.Model, new AudioClip(noise, sampleRate)));
    }

    [SharedDataTheory]
    [InlineData("audio/jfk.wav")]
    [InlineData("speech/vad/vad_clean.wav")]
    [InlineData("speech/vad/vad_white_snr20.wav")]
    public void TelephoneQualityAudioGivesEdgesWithinTwoHundredMillisecondsOfWideband(string file)
    {
        var wideband = WavFile.Read(SharedData.PathOf(file.Split('/')));

        var reference = Segments.Detect(silero.Model, wideband);
        var telephone = Segments.Detect(silero.Model, SpeechRecordings.AsTelephone(wideband));

        output.WriteLine($"16 kHz: {string.Join(", ", reference.Select(s => $"{s.Start:0.00}–{s.End:0.00}"))}");
        output.WriteLine($" 8 kHz: {string.Join(", ", telephone.Select(s => $"{s.Start:0.00}–{s.End:0.00}"))}");
        Assert.Equal(reference.Count, telephone.Count);
        foreach (var (narrow, wide) in telephone.Zip(reference))
        {
            Assert.InRange(narrow.Start, wide.Start - 0.2, wide.Start + 0.2);
            Assert.InRange(narrow.End, wide.End - 0.2, wide.End + 0.2);
        }
    }

    [SharedDataFact]
    public void SpeechStartIsReportedBeforeTheSegmentEnds()
    {
        var clip = WavFile.Read(SharedData.PathOf("audio", "jfk.wav"));
        var stream = new VadStream(silero.Model, clip.SampleRate);

        var events = clip.Samples.Chunk(320).SelectMany(block => stream.Push(block)).ToList();

        Assert.IsType<VoiceOnset>(events[0]);
        Assert.IsType<SpeechStarted>(events[1]);
        Assert.IsType<SpeechEnded>(events[2]);
        Assert.InRange(((SpeechStarted)events[1]).At.TotalSeconds, 0.17, 0.47);
    }

    [SharedDataFact]
    public void TheFirstVoicePausesTheAgentLongBeforeSpeechIsConfirmed()
    {
        var clip = SpeechRecordings.AsTelephone(WavFile.Read(SharedData.PathOf("audio", "jfk.wav")));
        var stream = new VadStream(silero.Model, clip.SampleRate);

        var heard = new List<(VadEvent Event, double PushedSeconds)>();
        var pushed = 0;
        foreach (var block in clip.Samples.Chunk(Frames.SamplesPerFrame(clip.SampleRate)))
        {
            pushed += block.Length;
            heard.AddRange(stream.Push(block).Select(e => (e, (double)pushed / clip.SampleRate)));
        }

        var onset = heard.First(h => h.Event is VoiceOnset);
        var started = heard.First(h => h.Event is SpeechStarted);
        output.WriteLine($"onset known at {onset.PushedSeconds:0.000} s, speech confirmed at {started.PushedSeconds:0.000} s");
        Assert.Equal(((VoiceOnset)onset.Event).At, ((SpeechStarted)started.Event).At + new VadOptions().SpeechPad);
        // 250 ms of speech to confirm against 64 ms of voice to pause: the agent stops ~186 ms sooner.
        Assert.InRange(started.PushedSeconds - onset.PushedSeconds, 0.15, 0.22);
        Assert.DoesNotContain(heard, h => h.Event is FalseStart);
    }

    [SharedDataFact]
    public void ShortBurstsOfVoiceAreNeverSpeechAndEveryPauseTheyCauseEndsInAFalseStart()
    {
        var clip = SpeechRecordings.AsTelephone(WavFile.Read(SharedData.PathOf("audio", "jfk.wav")));
        var silence = new float[2 * clip.SampleRate];
        var pauses = 0;

        // 150 ms cut from every tenth of a second of the first two phrases, between two seconds of silence: a cough's length.
        for (var from = 0.3; from < 2.2; from += 0.1)
        {
            var burst = clip.Samples.AsSpan((int)(from * clip.SampleRate), (int)(0.15 * clip.SampleRate)).ToArray();
            var stream = new VadStream(silero.Model, clip.SampleRate);
            var events = silence.Concat(burst).Concat(silence).Chunk(Frames.SamplesPerFrame(clip.SampleRate))
                .SelectMany(block => stream.Push(block)).ToList();

            output.WriteLine($"{from:0.0} s: {string.Join(", ", events.Select(e => e.GetType().Name))}");
            Assert.Equal(events.Count / 2, events.Count(e => e is VoiceOnset));
            Assert.All(events.Chunk(2), pair => Assert.Equal([typeof(VoiceOnset), typeof(FalseStart)], pair.Select(e => e.GetType())));
            pauses += events.Count / 2;
        }
        Assert.True(pauses > 0, "no burst paused the agent: the test would not see a false start");
    }

    [ModelFact("silero-vad")]
    public void RatesOtherThanEightAndSixteenKilohertzAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VadStream(silero.Model, 22050));
    }

    [SharedDataFact]
    public void UtterancesCarryThePreRollBeforeTheDetectedSpeech()
    {
        var clip = WavFile.Read(SharedData.PathOf("audio", "jfk.wav"));
        var recorder = new UtteranceRecorder(new VadStream(silero.Model, clip.SampleRate), TimeSpan.FromMilliseconds(300));

        var results = clip.Samples.Chunk(320).SelectMany(block => recorder.Push(block)).ToList();
        results.AddRange(recorder.Complete());
        var utterances = results.OfType<Utterance>().ToList();

        Assert.Equal(4, utterances.Count);
        foreach (var utterance in utterances)
        {
            Assert.Equal((utterance.SpeechStart - TimeSpan.FromMilliseconds(300)).TotalSeconds, utterance.AudioStart.TotalSeconds, 0.001);
            var expectedSamples = (utterance.SpeechEnd - utterance.AudioStart).TotalSeconds * clip.SampleRate;
            Assert.InRange(utterance.Audio.Length, expectedSamples - 2, expectedSamples + 2);
            // The audio is the recording itself, from where it says it starts.
            var offset = (int)Math.Round(utterance.AudioStart.TotalSeconds * clip.SampleRate);
            Assert.Equal(clip.Samples.AsSpan(offset, 1000).ToArray(), utterance.Audio[..1000]);
        }
    }
}
