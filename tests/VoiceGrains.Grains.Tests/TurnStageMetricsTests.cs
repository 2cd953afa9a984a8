using System.Diagnostics.Metrics;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Grains.Calls;

namespace VoiceGrains.Grains.Tests;

/// <summary>
/// Each turn's stage times reach the product's meter once each, when they first become known. Alone, not beside the
/// in-process silos' tests, whose calls record turns on the same static instruments.
/// </summary>
[Collection(nameof(TurnStageMetricsTests))]
public sealed class TurnStageMetricsTests
{
    [Fact]
    public void EveryStageIsRecordedOnceWhenItFirstBecomesKnown()
    {
        var recorded = new List<(string Instrument, int Milliseconds)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "VoiceGrains" && instrument.Name.StartsWith("voicegrains.turn.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            lock (recorded)
            {
                recorded.Add((instrument.Name, value));
            }
        });
        listener.Start();

        // A caller's turn, then the agent's answer stored before its first audio, then revised with it.
        var caller = new TurnLatency(SpeechToTextMs: 130, EndOfTurnMs: 350);
        var answer = new TurnLatency(LlmFirstTokenMs: 40);
        TurnStageMetrics.Record(null, caller);
        TurnStageMetrics.Record(null, answer);
        TurnStageMetrics.Record(answer, answer with { TextToSpeechFirstAudioMs = 9, VoiceToVoiceMs = 560 });
        TurnStageMetrics.Record(answer with { TextToSpeechFirstAudioMs = 9, VoiceToVoiceMs = 560 }, answer with { TextToSpeechFirstAudioMs = 9, VoiceToVoiceMs = 560 });

        lock (recorded)
        {
            Assert.Equal(
                [("voicegrains.turn.end_of_turn", 350), ("voicegrains.turn.recognition", 130), ("voicegrains.turn.agent_first_sentence", 40),
                 ("voicegrains.turn.first_audio", 9), ("voicegrains.turn.voice_to_voice", 560)],
                recorded.OrderBy(r => r.Instrument switch
                {
                    "voicegrains.turn.end_of_turn" => 0,
                    "voicegrains.turn.recognition" => 1,
                    "voicegrains.turn.agent_first_sentence" => 2,
                    "voicegrains.turn.first_audio" => 3,
                    _ => 4,
                }).ToList());
        }
    }
}

[CollectionDefinition(nameof(TurnStageMetricsTests), DisableParallelization = true)]
public sealed class TurnStageMetricsCollection;
