using VoiceGrains.Conversation.Understanding;

namespace VoiceGrains.Conversation.Tests;

public sealed class TurnEndingTests
{
    [Theory]
    [InlineData("My order number is")]
    [InlineData("My order number is.")]
    [InlineData("I'd like to book a cleaning for")]
    [InlineData("I'd like")]
    [InlineData("It's for my, um")]
    [InlineData("The pillow and")]
    [InlineData("Well, because...")]
    [InlineData("Can I change the")]
    public void WordsThatStopMidSentenceSoundUnfinished(string words) => Assert.True(TurnEnding.SoundsUnfinished(words));

    [Theory]
    [InlineData("Where is my order 10002?")]
    [InlineData("What is it made of?")]
    [InlineData("Yes, please.")]
    [InlineData("Okay then.")]
    [InlineData("I want that.")]
    [InlineData("Twelve with Carla Singh, please.")]
    [InlineData("No, that's all, goodbye.")]
    public void FinishedSentencesAndQuestionsDoNot(string words) => Assert.False(TurnEnding.SoundsUnfinished(words));

    [Theory]
    [InlineData("Uh-huh.", true)]
    [InlineData("mm-hm", true)]
    [InlineData("Okay, got it.", true)]
    [InlineData("Right.", true)]
    [InlineData("Yes.", false)]
    [InlineData("Okay, cancel it.", false)]
    [InlineData("Uh, wait", false)]
    public void OnlyAListenersAcknowledgementIsABackchannel(string words, bool acknowledgement) =>
        Assert.Equal(acknowledgement, Backchannel.Is(words));
}
