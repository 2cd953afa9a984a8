using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Grains.Campaigns;

namespace VoiceGrains.Grains.Tests.Campaigns;

public sealed class AttemptResultTests
{
    static readonly DateTimeOffset Ended = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    static readonly CampaignRules Rules = new() { MaxAttempts = 3, RetryAfter = TimeSpan.FromMinutes(30) };

    [Theory]
    [InlineData(CallOutcome.Completed)]
    [InlineData(CallOutcome.Transferred)]
    [InlineData(CallOutcome.TransferFailed)]
    [InlineData(CallOutcome.Dropped)]
    public void APersonWhoAnsweredIsReached(CallOutcome outcome) =>
        Assert.Equal(new AttemptResult(ContactState.Reached, null), AttemptResult.Of(outcome, 1, Rules, Ended, onDoNotCallList: false));

    [Theory]
    [InlineData(CallOutcome.Busy)]
    [InlineData(CallOutcome.NoAnswer)]
    [InlineData(CallOutcome.Failed)]
    [InlineData(CallOutcome.Canceled)]
    [InlineData(CallOutcome.NeverConnected)]
    [InlineData(CallOutcome.AnsweringMachine)]
    [InlineData(null)]
    public void NobodyReachedIsTriedAgainLaterEachWaitTwiceTheOneBeforeThenFailed(CallOutcome? outcome)
    {
        Assert.Equal(new AttemptResult(ContactState.Pending, Ended.AddMinutes(30)), AttemptResult.Of(outcome, 1, Rules, Ended, false));
        Assert.Equal(new AttemptResult(ContactState.Pending, Ended.AddMinutes(60)), AttemptResult.Of(outcome, 2, Rules, Ended, false));
        Assert.Equal(new AttemptResult(ContactState.Failed, null), AttemptResult.Of(outcome, 3, Rules, Ended, false));
    }

    [Fact]
    public void AMachineThatTookTheMessageIsVoicemailAndNotCalledAgain() =>
        Assert.Equal(new AttemptResult(ContactState.Voicemail, null),
            AttemptResult.Of(CallOutcome.AnsweringMachine, 1, Rules with { MachineMessage = "Hi, this is Northwind." }, Ended, false));

    [Fact]
    public void ACalleeWhoAskedNotToBeCalledIsOptedOutWhateverTheCallSaid()
    {
        Assert.Equal(ContactState.OptedOut, AttemptResult.Of(CallOutcome.Completed, 1, Rules, Ended, onDoNotCallList: true).State);
        Assert.Equal(ContactState.OptedOut, AttemptResult.Of(CallOutcome.Busy, 1, Rules, Ended, onDoNotCallList: true).State);
    }
}
