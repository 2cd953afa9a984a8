using System.Diagnostics.Metrics;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Speech.Inference;

namespace VoiceGrains.Grains.Calls;

/// <summary>
/// Where each turn's time went, as OpenTelemetry histograms on the product's meter (exported by ServiceDefaults, so
/// they are on the Aspire dashboard): the same stage times the turn stores (<see cref="TurnLatency"/>, the call_turns
/// columns). A stage is recorded once, when its time first becomes known: a reply's first audio is added to a turn
/// already stored.
/// </summary>
static class TurnStageMetrics
{
    static readonly Meter Meter = new(InferencePool.MeterName);

    static readonly Histogram<int> EndOfTurn = Meter.CreateHistogram<int>(
        "voicegrains.turn.end_of_turn", "ms", "From the end of the caller's voice to the decision that their turn was over");

    static readonly Histogram<int> Recognition = Meter.CreateHistogram<int>(
        "voicegrains.turn.recognition", "ms", "Recognition of a caller's turn: waiting for the inference pool and inference");

    static readonly Histogram<int> AgentFirstSentence = Meter.CreateHistogram<int>(
        "voicegrains.turn.agent_first_sentence", "ms", "From the caller's line to the agent's first sentence");

    static readonly Histogram<int> FirstAudio = Meter.CreateHistogram<int>(
        "voicegrains.turn.first_audio", "ms", "From the agent's first sentence to its first synthesized audio");

    static readonly Histogram<int> VoiceToVoice = Meter.CreateHistogram<int>(
        "voicegrains.turn.voice_to_voice", "ms", "From the end of the caller's voice to the agent's first audio sent to the carrier");

    /// <summary>Records the stages <paramref name="now"/> knows and <paramref name="before"/> (the same turn as it was stored, if it was) did not.</summary>
    public static void Record(TurnLatency? before, TurnLatency now)
    {
        Add(EndOfTurn, before?.EndOfTurnMs, now.EndOfTurnMs);
        Add(Recognition, before?.SpeechToTextMs, now.SpeechToTextMs);
        Add(AgentFirstSentence, before?.LlmFirstTokenMs, now.LlmFirstTokenMs);
        Add(FirstAudio, before?.TextToSpeechFirstAudioMs, now.TextToSpeechFirstAudioMs);
        Add(VoiceToVoice, before?.VoiceToVoiceMs, now.VoiceToVoiceMs);
    }

    static void Add(Histogram<int> stage, int? was, int? now)
    {
        if (was is null && now is { } milliseconds)
        {
            stage.Record(milliseconds);
        }
    }
}
