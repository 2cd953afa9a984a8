using VoiceGrains.Console.Components.Pages;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Console.Tests;

public sealed class TimingBarTests
{
    [Fact]
    public void AnAnswersBarBeginsWithTheCallersEndOfTurnAndRecognitionAndFillsItsVoiceToVoice()
    {
        var bar = TimingBar.For(
            new TurnLatency(LlmFirstTokenMs: 200, TextToSpeechFirstAudioMs: 100, VoiceToVoiceMs: 1000),
            new TurnLatency(SpeechToTextMs: 150, EndOfTurnMs: 400))!;

        Assert.Equal(["eot", "stt", "llm", "tts", "rest"], bar.Parts.Select(p => p.Css));
        Assert.Equal([40.0, 15.0, 20.0, 10.0, 15.0], bar.Parts.Select(p => Math.Round(p.Percent, 6)));
        Assert.Equal("voice-to-voice 1000 ms (end of turn 400, recognition 150, agent 200, first audio 100)", bar.Title);
    }

    [Fact]
    public void ATurnWithoutVoiceToVoiceHasNoBarAndStagesOverTheWholeAreCappedAtIt()
    {
        var capped = TimingBar.For(new TurnLatency(LlmFirstTokenMs: 900, VoiceToVoiceMs: 500), new TurnLatency(EndOfTurnMs: 300))!;

        Assert.Null(TimingBar.For(new TurnLatency(SpeechToTextMs: 120, EndOfTurnMs: 300), null));
        Assert.Equal([60.0, 40.0, 0.0], capped.Parts.Select(p => Math.Round(p.Percent, 6)));
    }
}
