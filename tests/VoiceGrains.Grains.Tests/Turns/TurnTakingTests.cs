using Microsoft.Extensions.Time.Testing;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Conversation;
using VoiceGrains.Grains.Calls;
using VoiceGrains.Grains.Calls.Turns;
using static VoiceGrains.Grains.Calls.Turns.TurnCommand;

namespace VoiceGrains.Grains.Tests.Turns;

/// <summary>The call's turn-taking on its own: events in, commands out, a fake clock; no Orleans, no audio.</summary>
public sealed class TurnTakingTests
{
    static readonly string[] OrderReply = ["Hi Diego.", "Order 10002 has shipped.", "Anything else?"];

    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    readonly TurnTaking turns;

    public TurnTakingTests() =>
        turns = new TurnTaking(new CallOptions { SilencePrompt = TimeSpan.FromSeconds(8), KeypadPause = TimeSpan.FromSeconds(2) }, clock, CallStatus.Listening);

    FinishedReply Finished(ReplyDecision decision = ReplyDecision.None, bool interrupted = false) =>
        new(interrupted, decision, clock.GetUtcNow());

    /// <summary>The agent begins to answer a caller line and has produced <paramref name="sentences"/> so far.</summary>
    void StartReplying(params string[] sentences)
    {
        turns.LineRecognised(new CallerLine("Where is my order 10002?", 1, clock.GetUtcNow()));
        turns.ReplyStarted();
        foreach (var sentence in sentences)
        {
            turns.SentenceProduced(sentence);
        }
    }

    /// <summary>The agent answers a caller line with <paramref name="sentences"/>, all produced; returns what finishing it commanded.</summary>
    IReadOnlyList<TurnCommand> Reply(string[] sentences, ReplyDecision decision = ReplyDecision.None)
    {
        StartReplying(sentences);
        return turns.ReplyFinished(Finished(decision));
    }

    /// <summary>The caller speaks over the agent and is heard saying <paramref name="words"/>; returns what the words commanded.</summary>
    IReadOnlyList<TurnCommand> SpeakOver(string words = "Wait, cancel it.")
    {
        turns.SpeechStarted();
        return turns.LineRecognised(new CallerLine(words, 3, clock.GetUtcNow()));
    }

    /// <summary>Advances the clock to the next deadline and lets it happen.</summary>
    IReadOnlyList<TurnCommand> WaitForDeadline()
    {
        Assert.NotNull(turns.NextDeadline);
        clock.SetUtcNow(turns.NextDeadline.Value);
        return turns.DeadlineReached();
    }

    [Fact]
    public void EachSentenceIsSpokenAtOnceWithItsMarkAndTheFirstMakesTheCallSpeaking()
    {
        turns.LineRecognised(new CallerLine("Where is my order 10002?", 1, clock.GetUtcNow()));

        Assert.Equal([new MoveTo(CallStatus.Thinking)], turns.ReplyStarted());
        var first = turns.SentenceProduced(OrderReply[0]);
        var second = turns.SentenceProduced(OrderReply[1]);

        Assert.Equal(2, first.Count);
        Assert.Equal(["reply1-0"], Assert.IsType<Speak>(first[0]).Marks);
        Assert.Equal(new MoveTo(CallStatus.Speaking), first[1]);
        Assert.Equal([OrderReply[1]], Assert.IsType<Speak>(Assert.Single(second)).Sentences);
    }

    [Fact]
    public void ABargeInAfterTheFirstVoiceKeepsOnlyTheHeardSentences()
    {
        var finished = Reply(OrderReply);
        turns.MarkHeard("reply1-0");

        var paused = turns.VoiceOnset();
        var speech = turns.SpeechStarted();
        var line = new CallerLine("Wait, cancel it.", 3, clock.GetUtcNow());
        var cut = turns.LineRecognised(line);

        var stored = Assert.IsType<StoreReply>(Assert.Single(finished));
        Assert.Equal(string.Join(" ", OrderReply), stored.Text);
        Assert.False(stored.Finished.Interrupted);
        Assert.IsType<StopSpeaking>(Assert.Single(paused));
        Assert.Empty(speech);                                        // still paused: the words decide
        Assert.Equal([new CancelReply(), new MoveTo(CallStatus.Listening), new CutReply(1, "Hi Diego."), new Answer(line)], cut);
        Assert.Equal(CallStatus.Listening, turns.Status);
    }

    [Fact]
    public void SpeechWithoutAFirstVoiceStopsTheAgentAndCutsTheReply()
    {
        Reply(OrderReply);
        turns.MarkHeard("reply1-0");
        turns.MarkHeard("reply1-1");

        var paused = turns.SpeechStarted();
        var cut = turns.LineRecognised(new CallerLine("Wait, cancel it.", 3, clock.GetUtcNow()));

        Assert.Equal([new StopSpeaking()], paused);
        Assert.Equal([new CancelReply(), new MoveTo(CallStatus.Listening), new CutReply(1, "Hi Diego. Order 10002 has shipped.")], cut.Take(cut.Count - 1));
    }

    [Fact]
    public void AReplyCutBeforeItsFirstMarkIsStoredEmptyAndInterruptedAndNothingMoreOfItIsSpoken()
    {
        StartReplying(OrderReply[0]);

        SpeakOver();
        var late = turns.SentenceProduced(OrderReply[1]);
        var finished = turns.ReplyFinished(Finished(interrupted: true));

        Assert.Empty(late);
        var stored = Assert.IsType<StoreReply>(Assert.Single(finished));
        Assert.Equal("", stored.Text);
        Assert.True(stored.Finished.Interrupted);
    }

    [Fact]
    public void AReplyTheAgentFinishedJustAsTheCallerCutInIsStoredAsHeard()
    {
        StartReplying(OrderReply[..2]);
        turns.MarkHeard("reply1-0");
        SpeakOver();

        var finished = turns.ReplyFinished(Finished());

        var stored = Assert.IsType<StoreReply>(Assert.Single(finished));
        Assert.Equal("Hi Diego.", stored.Text);
        Assert.True(stored.Finished.Interrupted);
    }

    [Fact]
    public void ACoughPausesTheAgentThenItGoesOnFromTheSentenceThatWasCutOff()
    {
        Reply(OrderReply);
        turns.MarkHeard("reply1-0");

        turns.VoiceOnset();
        var resumed = turns.FalseStart();
        turns.MarkHeard("reply1-1");
        var done = turns.MarkHeard("reply1-2");

        var speak = Assert.IsType<Speak>(Assert.Single(resumed));
        Assert.Equal(OrderReply[1..], speak.Sentences);
        Assert.Equal(["reply1-1", "reply1-2"], speak.Marks);
        Assert.Equal([new MoveTo(CallStatus.Listening)], done);
    }

    [Theory]
    [InlineData("Uh-huh.")]
    [InlineData("okay")]
    [InlineData("Mm-hm, right.")]
    [InlineData("Yeah, I see.")]
    public void AnAcknowledgementSaidOverTheAgentLetsItGoOnFromTheSentenceItCut(string words)
    {
        Reply(OrderReply);
        turns.MarkHeard("reply1-0");
        turns.VoiceOnset();

        var resumed = SpeakOver(words);
        turns.MarkHeard("reply1-1");
        var done = turns.MarkHeard("reply1-2");

        var speak = Assert.IsType<Speak>(Assert.Single(resumed));
        Assert.Equal(OrderReply[1..], speak.Sentences);
        Assert.Equal([new MoveTo(CallStatus.Listening)], done);
    }

    [Theory]
    [InlineData("No.")]
    [InlineData("Okay, and what about my other order?")]
    [InlineData("Right, cancel it.")]
    public void WordsThatAreMoreThanAnAcknowledgementCutTheReplyAndAreAnswered(string words)
    {
        Reply(OrderReply);
        turns.MarkHeard("reply1-0");
        turns.VoiceOnset();

        var cut = SpeakOver(words);

        Assert.Contains(new CutReply(1, "Hi Diego."), cut);
        Assert.IsType<Answer>(cut[^1]);
        Assert.Equal(CallStatus.Listening, turns.Status);
    }

    [Fact]
    public void SpeechWhoseWordsTakeLongerThanAnAcknowledgementCutsTheReplyAndIsAnsweredWhenTheyCome()
    {
        Reply(OrderReply);
        turns.MarkHeard("reply1-0");
        turns.VoiceOnset();
        turns.SpeechStarted();

        Assert.Equal(clock.GetUtcNow() + TurnTaking.WordsWait, turns.NextDeadline);
        var cut = WaitForDeadline();
        var line = new CallerLine("I wanted to ask about something else entirely, actually.", 3, clock.GetUtcNow());
        var answered = turns.LineRecognised(line);

        Assert.Equal([new CancelReply(), new MoveTo(CallStatus.Listening), new CutReply(1, "Hi Diego.")], cut);
        Assert.Equal([new CancelReply(), new Answer(line)], answered);
    }

    [Fact]
    public void SentencesProducedWhileThePauseLastsWaitAndAreSpokenWhenTheAgentGoesOn()
    {
        StartReplying(OrderReply[0]);
        turns.VoiceOnset();

        var whilePaused = turns.SentenceProduced(OrderReply[1]);
        var resumed = turns.FalseStart();

        Assert.Empty(whilePaused);
        Assert.Equal(OrderReply[..2], Assert.IsType<Speak>(Assert.Single(resumed)).Sentences);
    }

    [Fact]
    public void APauseTheVadNeverResolvesEndsAsAFalseStartAfterThreeSeconds()
    {
        Reply(OrderReply);
        turns.VoiceOnset();

        Assert.Equal(clock.GetUtcNow() + TurnTaking.UnresolvedPause, turns.NextDeadline);
        var resumed = WaitForDeadline();

        Assert.Equal(OrderReply, Assert.IsType<Speak>(Assert.Single(resumed)).Sentences);
        Assert.Equal(CallStatus.Speaking, turns.Status);
    }

    [Fact]
    public void MarksThatNeverComeBackEndTheReplyOnceItMustHaveBeenPlayed()
    {
        var started = clock.GetUtcNow();
        Reply(OrderReply);

        Assert.Equal(started + SpokenDuration.Of(string.Join(" ", OrderReply)) + TurnTaking.MarkGrace, turns.NextDeadline);
        Assert.Equal([new MoveTo(CallStatus.Listening)], WaitForDeadline());
    }

    [Fact]
    public void EchoesOfMarksFromAnEarlierReplyOrAfterACutChangeNothing()
    {
        Reply(OrderReply);
        SpeakOver();

        Assert.Empty(turns.MarkHeard("reply1-0"));
        Assert.Empty(turns.MarkHeard("reply7-0"));
        Assert.Equal(CallStatus.Listening, turns.Status);
    }

    [Fact]
    public void AGoodbyeEndsTheCallOnlyOnceItsLastSentenceHasBeenHeard()
    {
        Reply(["Thanks for calling.", "Goodbye."], ReplyDecision.EndCall);

        var afterFirst = turns.MarkHeard("reply1-0");
        var afterLast = turns.MarkHeard("reply1-1");

        Assert.Empty(afterFirst);
        Assert.Equal([new CancelReply(), new End(CallOutcome.Completed)], afterLast);
        Assert.Equal(CallStatus.Ended, turns.Status);
        Assert.Null(turns.NextDeadline);
    }

    [Fact]
    public void AGoodbyeTheCallerSpeaksOverDoesNotEndTheCall()
    {
        Reply(["Thanks for calling.", "Goodbye."], ReplyDecision.EndCall);

        SpeakOver();

        Assert.Empty(turns.MarkHeard("reply1-1"));
        Assert.Equal(CallStatus.Listening, turns.Status);
    }

    [Fact]
    public void ATransferStartsOnceHeardAndAnEndFromTheCarrierMeanwhileWaitsForItsResult()
    {
        Reply(["Let me put you through."], ReplyDecision.Transfer);

        var transfer = turns.MarkHeard("reply1-0");
        var endedMeanwhile = turns.CallEnded(CallOutcome.Completed);
        var moved = turns.TransferSucceeded();

        Assert.Equal([new Transfer()], transfer);
        Assert.Empty(endedMeanwhile);
        Assert.Equal([new CancelReply(), new End(CallOutcome.Transferred)], moved);
    }

    [Fact]
    public void AFailedTransferIsApologisedForThenTheCallEndsAsTransferFailed()
    {
        Reply(["Let me put you through."], ReplyDecision.Transfer);
        turns.MarkHeard("reply1-0");

        var apology = turns.TransferFailed();
        var ended = WaitForDeadline();

        Assert.Equal([new Say(TurnTaking.TransferApology)], apology);
        Assert.Equal([new CancelReply(), new End(CallOutcome.TransferFailed)], ended);
    }

    [Fact]
    public void ASupervisorTakingOverCutsTheSpokenReplyToWhatWasHeardAndMovesTheCallerAtOnce()
    {
        StartReplying(OrderReply);
        turns.MarkHeard("reply1-0");

        var takeOver = turns.TakeOver();
        var lateLine = turns.LineRecognised(new CallerLine("Hello?", 3, clock.GetUtcNow()));
        var again = turns.TakeOver();
        var moved = turns.TransferSucceeded();

        Assert.Equal([new CancelReply(), new MoveTo(CallStatus.Listening), new StopSpeaking(), new Transfer()], takeOver);
        Assert.Empty(lateLine);
        Assert.Empty(again);
        Assert.Equal(new End(CallOutcome.Transferred), moved[^1]);
    }

    [Fact]
    public void ASupervisorTakingOverWhileTheAgentThinksCancelsTheReplyUnspokenAndASilenceDeadlineNeverInterrupts()
    {
        StartReplying();

        var takeOver = turns.TakeOver();
        var lateSentence = turns.SentenceProduced("Order 10002 has shipped.");

        Assert.Equal([new CancelReply(), new StopSpeaking(), new Transfer()], takeOver);
        Assert.Empty(lateSentence);
        Assert.Null(turns.NextDeadline);
    }

    [Fact]
    public void AFailedTakeOverIsApologisedForLikeTheAgentsTransfer()
    {
        turns.TakeOver();

        var apology = turns.TransferFailed();
        var ended = WaitForDeadline();

        Assert.Equal([new Say(TurnTaking.TransferApology)], apology);
        Assert.Equal(new End(CallOutcome.TransferFailed), ended[^1]);
    }

    [Fact]
    public void ASilentCallerIsAskedOnceThenToldGoodbyeThenTheCallEndsAsNoAnswer()
    {
        turns.Greet("Thanks for calling Northwind Home Goods.");

        var asked = WaitForDeadline();
        var goodbye = WaitForDeadline();
        var ended = WaitForDeadline();

        Assert.Equal([new Say(TurnTaking.StillThere)], asked);
        Assert.Equal([new Say(TurnTaking.NoAnswerGoodbye)], goodbye);
        Assert.Equal([new CancelReply(), new End(CallOutcome.NoAnswer)], ended);
    }

    [Fact]
    public void SilenceIsCountedOnlyOnceTheGreetingHasBeenHeardAndACallerLineStartsItOver()
    {
        const string greeting = "Thanks for calling Northwind Home Goods. How can I help you today?";
        var greeted = turns.Greet(greeting);
        Assert.Equal([new MoveTo(CallStatus.Greeting), new Say(greeting)], greeted);
        Assert.Equal(clock.GetUtcNow() + SpokenDuration.Of(greeting) + TimeSpan.FromSeconds(8), turns.NextDeadline);

        clock.Advance(TimeSpan.FromSeconds(5));
        turns.LineRecognised(new CallerLine("Hello?", 1, clock.GetUtcNow()));

        Assert.Null(turns.NextDeadline);
    }

    [Fact]
    public void KeysCollectUntilHashOrAPauseAndStarStartsOver()
    {
        turns.KeyPressed('7');
        turns.KeyPressed('*');
        turns.KeyPressed('4');
        var hashed = turns.KeyPressed('#');
        turns.KeyPressed('1');
        turns.KeyPressed('0');
        var paused = WaitForDeadline();

        Assert.Equal([new HearKeys("4")], hashed);
        Assert.Equal([new HearKeys("10")], paused);
    }

    [Fact]
    public void AKeyPressedWhileTheAgentSpeaksIsABargeIn()
    {
        Reply(OrderReply);

        var pressed = turns.KeyPressed('5');

        Assert.Equal<TurnCommand>([new CancelReply(), new MoveTo(CallStatus.Listening), new StopSpeaking()], pressed.Take(3));
    }

    [Fact]
    public void ANewerLineSupersedesAReplyStillBeingThoughtOf()
    {
        turns.LineRecognised(new CallerLine("Where is my order?", 1, clock.GetUtcNow()));
        turns.ReplyStarted();

        var newer = turns.LineRecognised(new CallerLine("It's 10002.", 2, clock.GetUtcNow()));

        Assert.Equal([new CancelReply(), new Answer(new CallerLine("It's 10002.", 2, clock.GetUtcNow()))], newer);
    }

    [Fact]
    public void AnEndedCallIgnoresEverythingAfter()
    {
        var ended = turns.CallEnded(CallOutcome.Dropped);

        Assert.Equal([new CancelReply(), new End(CallOutcome.Dropped)], ended);
        Assert.Empty(turns.CallEnded(CallOutcome.Completed));
        Assert.Empty(turns.LineRecognised(new CallerLine("Hello?", 1, clock.GetUtcNow())));
        Assert.Empty(turns.KeyPressed('1'));
        Assert.Empty(turns.Greet("Hello."));
        Assert.Null(turns.NextDeadline);
    }

    [Fact]
    public void AMovedStreamPausesTheAgentWhichGoesOnFromTheFirstUnheardSentenceOnceTheNewStreamIsThere()
    {
        StartReplying(OrderReply[0], OrderReply[1]);
        turns.MarkHeard("reply1-0");

        var moved = turns.MediaMoved(TimeSpan.FromSeconds(30));
        var meanwhile = turns.SentenceProduced(OrderReply[2]);
        var finished = turns.ReplyFinished(Finished());
        clock.Advance(TimeSpan.FromSeconds(5));
        var back = turns.MediaBack();

        Assert.Equal([new StopSpeaking()], moved);
        Assert.Empty(meanwhile);                                      // held for the new stream
        Assert.IsType<StoreReply>(Assert.Single(finished));           // stored, not yet heard: the call waits
        var speak = Assert.IsType<Speak>(Assert.Single(back));
        Assert.Equal(OrderReply[1..], speak.Sentences);
        Assert.Equal(["reply1-1", "reply1-2"], speak.Marks);
        Assert.Equal(CallStatus.Speaking, turns.Status);
        Assert.Empty(turns.MediaBack());                              // once only
    }

    [Fact]
    public void NoSilenceIsCountedWhileTheStreamMovesAndAStreamThatNeverComesEndsTheCallAsDropped()
    {
        turns.Greet("Hello.");
        Assert.Empty(turns.MediaMoved(TimeSpan.FromSeconds(30)));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(30), turns.NextDeadline);

        var ended = WaitForDeadline();

        Assert.Equal([new CancelReply(), new End(CallOutcome.Dropped)], ended);
        Assert.Equal(CallStatus.Ended, turns.Status);
    }

    [Fact]
    public void AReplyBegunWhileTheStreamMovesWaitsForTheNewStreamAndThenSpeaks()
    {
        turns.MediaMoved(TimeSpan.FromSeconds(30));
        turns.LineRecognised(new CallerLine("Where is my order 10002?", 1, clock.GetUtcNow()));
        turns.ReplyStarted();
        var held = turns.SentenceProduced(OrderReply[0]);
        var back = turns.MediaBack();

        Assert.DoesNotContain(held, c => c is Speak);
        Assert.Equal([OrderReply[0]], Assert.IsType<Speak>(Assert.Single(back)).Sentences);
        Assert.True(turns.CanMoveMedia);
    }

    [Fact]
    public void AStreamDoesNotMoveWhileTheCallerIsBeingMovedToAPerson()
    {
        turns.TakeOver();

        Assert.False(turns.CanMoveMedia);
    }
}
