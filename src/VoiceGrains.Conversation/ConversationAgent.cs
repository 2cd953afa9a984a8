using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Text;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Understanding;
using VoiceGrains.Data.Business;

namespace VoiceGrains.Conversation;

/// <summary>
/// One call's conversation with either engine. Each caller line goes into the history (redacted), the engine
/// streams its answer through Semantic Kernel with automatic function calling, and finished sentences come out
/// one by one so speech can start while the rest is generated. Not thread-safe: one reply at a time.
/// </summary>
public sealed partial class ConversationAgent
{
    public const string OneMoment = "Sorry, one moment.";
    public const string Apology = "I'm sorry, I'm having trouble looking that up right now. Please try again in a moment, or I can transfer you to a person.";
    public const string OptedOut = "I've taken your number off our calling list, and we won't call you again. Goodbye!";

    readonly Kernel kernel;
    readonly IChatCompletionService chat;
    readonly ChatHistory history;
    readonly AgentOptions settings;
    readonly string engine;
    readonly TimeProvider time;
    readonly ILogger logger;
    readonly IChatClient? summarizer;
    readonly BusinessCalendar calendar;
    readonly List<AgentReply> replies = [];
    Task producing = Task.CompletedTask;

    internal ConversationAgent(
        Kernel kernel, IChatClient chatClient, IChatClient? summarizer, CallerSession session, BusinessCalendar calendar, string systemPrompt,
        AgentOptions settings, string engine, TimeProvider time, ILogger logger)
    {
        this.calendar = calendar;
        Greeting = session.Purpose is { } purpose
            ? $"Hello, this is {calendar.Name} calling about {purpose}.{OptOutNotice(settings.OptOutKey)} Is now a good time?"
            : InboundGreeting(calendar.Name);
        this.summarizer = summarizer;
        this.kernel = kernel;
        chat = chatClient.AsChatCompletionService(kernel.Services);
        // The greeting is told in the system prompt, not put in the history: the Messages API wants a user turn first.
        history = new ChatHistory($"{systemPrompt}\nYou have already greeted the caller with: \"{Greeting}\"");
        Session = session;
        this.settings = settings;
        this.engine = engine;
        this.time = time;
        this.logger = logger;
    }

    public CallerSession Session { get; }

    /// <summary>What the agent says when the call connects.</summary>
    public string Greeting { get; }

    /// <summary>What the agent says when a caller's call connects: the same words on every inbound call.</summary>
    public static string InboundGreeting(string businessName) => $"Thanks for calling {businessName}. How can I help you today?";

    /// <summary>The latest finished reply; null before the first.</summary>
    public AgentReply? LastReply => replies.Count == 0 ? null : replies[^1];

    /// <summary>Every finished reply of the call, in order.</summary>
    public IReadOnlyList<AgentReply> Replies => replies;

    /// <summary>
    /// Answers one caller line: each finished sentence goes to <paramref name="speak"/> as soon as it exists, so speech
    /// starts while the rest is generated, and the whole reply comes back when the engine is done. Cancelling (the
    /// caller barged in) stops the reply where it is; the outcome then says it was interrupted. Function calls made
    /// meanwhile are filed under <paramref name="callerTurn"/>. A <paramref name="keyed"/> line came from the keypad:
    /// on a call we placed, the opt-out key alone takes the number off the calling lists whatever the engine would say.
    /// </summary>
    public async Task<ReplyOutcome> ReplyAsync(
        string callerText, Func<string, Task> speak, int? callerTurn = null, bool keyed = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callerText);
        ArgumentNullException.ThrowIfNull(speak);
        Session.TurnSeq = callerTurn ?? Session.TurnSeq;
        Session.LineKeyed = keyed;
        if (keyed && Session.Purpose is not null && !Session.SurveyInProgress && !string.IsNullOrEmpty(settings.OptOutKey) && callerText.Trim() == settings.OptOutKey)
        {
            await OptOutAsync(callerText, speak, cancellationToken);
        }
        else
        {
            await AnswerAsync(callerText, speak, cancellationToken);
        }
        var decision = Session.TransferReason is not null ? ReplyDecision.Transfer
            : Session.EndReason is not null ? ReplyDecision.EndCall
            : ReplyDecision.None;
        return new ReplyOutcome(LastReply!, decision, Session.CustomerId);
    }

    async Task AnswerAsync(string callerText, Func<string, Task> speak, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var sentence in SentencesAsync(callerText, cancellationToken))
            {
                await speak(sentence);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The reply was cut off: the producer stores what it had, marked interrupted.
        }
        await WhenIdleAsync();
    }

    /// <summary>
    /// The callee pressed the opt-out key: the same do-not-call function the engines call (so it is logged with the
    /// turn), and a fixed goodbye; the call then ends.
    /// </summary>
    async Task OptOutAsync(string callerText, Func<string, Task> speak, CancellationToken cancellationToken)
    {
        await WhenIdleAsync();
        await kernel.InvokeAsync(AgentFunctions.CallControl, AgentFunctions.DoNotCall, cancellationToken: cancellationToken);
        history.AddUserMessage(callerText);
        history.AddAssistantMessage(OptedOut);
        replies.Add(new AgentReply(callerText, Understand(callerText), OptedOut, null, null, false));
        await speak(OptedOut);
    }

    static string OptOutNotice(string? key) =>
        string.IsNullOrEmpty(key) ? "" : $" If you'd rather we didn't call you, press {key} at any time.";

    /// <summary>The reply to one caller line, sentence by sentence, with "one moment" if the first is slow to come.</summary>
    async IAsyncEnumerable<string> SentencesAsync(string callerText, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await WhenIdleAsync();
        var redacted = SensitiveText.Redact(callerText.Trim());
        history.AddUserMessage(redacted);
        var sentences = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var producer = producing = ProduceAsync(redacted, sentences.Writer, cancellationToken);

        var spoken = false;
        while (true)
        {
            var waiting = sentences.Reader.WaitToReadAsync(cancellationToken).AsTask();
            if (!spoken && await Task.WhenAny(waiting, Task.Delay(settings.FirstSentenceTimeout, time, cancellationToken)) != waiting)
            {
                spoken = true;
                yield return OneMoment;
            }
            if (!await waiting)
            {
                break;
            }
            while (sentences.Reader.TryRead(out var sentence))
            {
                spoken = true;
                yield return sentence;
            }
        }
        await producer;
    }

    /// <summary>What a caller line means (intent, entities, sentiment), dates read in the business's time zone.</summary>
    public TurnUnderstanding Understand(string callerText) =>
        UtteranceParser.Understand(SensitiveText.Redact(callerText), calendar.LocalDate(time.GetUtcNow()));

    /// <summary>Completes when the reply being produced (also one whose reader stopped, as on a barge-in) is stored.</summary>
    public Task WhenIdleAsync() => producing;

    /// <summary>Something said to the caller outside a reply (a silence prompt): the engine knows it was said.</summary>
    public void NoteSaid(string text) => history.AddAssistantMessage(text);

    /// <summary>
    /// Rebuilds the history of a call this agent takes over (its grain moved to another silo): the stored turns,
    /// from the caller's first. Function calls are not replayed; their effects are in the database.
    /// </summary>
    public void Resume(IEnumerable<(bool FromCaller, string Text)> turns)
    {
        foreach (var (fromCaller, text) in turns.SkipWhile(t => !t.FromCaller))
        {
            history.AddMessage(fromCaller ? AuthorRole.User : AuthorRole.Assistant, text);
        }
    }

    /// <summary>
    /// The call's summary and sentiment: written by Claude when it is the engine (from the transcript), and
    /// otherwise, or when Claude fails, built from the turns' intents and the functions' outcomes. Both are told how
    /// the call ended, so a summary never says a transfer happened that failed.
    /// </summary>
    public async Task<CallWrapUp> WrapUpAsync(CallOutcome outcome, CancellationToken cancellationToken)
    {
        var sentiment = CallSummary.Sentiment(replies);
        if (summarizer is not null && replies.Count > 0)
        {
            try
            {
                var transcript = string.Join("\n", replies.Select(r => $"Caller: {r.CallerText}\nAgent: {r.Text}"))
                    + $"\n(The call ended: {outcome.Name().Replace('_', ' ')}.)";
                var response = await summarizer.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Summarise this customer-service phone call in one short paragraph for the business's staff: who called, what they wanted, what was done, anything left open. Plain text."),
                     new ChatMessage(ChatRole.User, transcript)],
                    cancellationToken: cancellationToken);
                if (!string.IsNullOrWhiteSpace(response.Text))
                {
                    return new CallWrapUp(SensitiveText.Redact(response.Text.Trim()), sentiment);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogSummaryFailed(logger, e, Session.CallSid);
            }
        }
        return new CallWrapUp(CallSummary.Describe(Session, replies, outcome), sentiment);
    }

    /// <summary>
    /// After a barge-in: the last reply in the history becomes only what the caller actually heard, so the
    /// engine does not believe it said the rest.
    /// </summary>
    public void TruncateLastReply(string heard)
    {
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (history[i].Role == AuthorRole.Assistant && !string.IsNullOrEmpty(history[i].Content))
            {
                history[i] = new ChatMessageContent(AuthorRole.Assistant, string.IsNullOrWhiteSpace(heard) ? "(interrupted before speaking)" : heard + " (interrupted)");
                return;
            }
        }
    }

    async Task ProduceAsync(string callerText, ChannelWriter<string> sentences, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var started = time.GetTimestamp();
        var splitter = new SentenceSplitter();
        var text = new StringBuilder();
        int? firstTokenMs = null;
        long inputTokens = 0, outputTokens = 0;
        var failed = false;
        var interrupted = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.ReplyTimeout);
        try
        {
            var execution = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
            await foreach (var update in chat.GetStreamingChatMessageContentsAsync(history, execution, kernel, deadline.Token))
            {
                // Semantic Kernel hands each round's usage on as metadata of a streamed update.
                if (update.Metadata?.TryGetValue("Usage", out var value) == true && value is UsageContent usage)
                {
                    inputTokens += usage.Details.InputTokenCount ?? 0;
                    outputTokens += usage.Details.OutputTokenCount ?? 0;
                }
                if (update.Role == AuthorRole.Assistant && !string.IsNullOrEmpty(update.Content))
                {
                    firstTokenMs ??= (int)time.GetElapsedTime(started).TotalMilliseconds;
                    text.Append(update.Content);
                    foreach (var sentence in splitter.Push(update.Content))
                    {
                        await sentences.WriteAsync(sentence, CancellationToken.None);
                    }
                }
            }
            foreach (var sentence in splitter.Complete())
            {
                await sentences.WriteAsync(sentence, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller interrupted: the history keeps what was produced so far; the call trims it to what was heard.
            interrupted = true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogReplyFailed(logger, e, Session.CallSid, engine);
            failed = true;
            text.Clear().Append(Apology);
            await sentences.WriteAsync(Apology, CancellationToken.None);
        }
        finally
        {
            sentences.TryComplete();
        }

        var reply = text.ToString().Trim();
        history.AddAssistantMessage(reply.Length > 0 ? reply : "(interrupted before speaking)");
        replies.Add(new AgentReply(
            callerText,
            Understand(callerText),
            reply,
            firstTokenMs,
            inputTokens + outputTokens > 0 ? new TokenUsage(inputTokens, outputTokens) : null,
            failed,
            interrupted));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claude could not summarise call {CallSid}; the offline summary is stored")]
    static partial void LogSummaryFailed(ILogger logger, Exception exception, string callSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The agent could not answer on call {CallSid} ({Engine}); the caller hears an apology")]
    static partial void LogReplyFailed(ILogger logger, Exception exception, string callSid, string engine);
}
