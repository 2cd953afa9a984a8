using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Campaigns;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Data.Business;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Data.Messaging;
using VoiceGrains.Telephony;

namespace VoiceGrains.Grains.Campaigns;

/// <summary>
/// <para>
/// One campaign's dialler. While it runs (or calls it placed are still open) a grain timer ticks once per
/// 1 / calls-per-second, and each tick: closes the attempts whose calls have ended (from the calls table, which the
/// calls' own grains write), then places at most one call: the first due contact inside its calling hours and not on
/// the do-not-call list, while fewer than the maximum are in progress. One call per tick is the pacing.
/// </para>
/// <para>
/// Exactly once per attempt: the attempt is committed (with its key) before the carrier is asked, and a recorded
/// attempt is never dialled again — after a crash it is matched to its call by the key the call's webhooks carry
/// (<see cref="ClaimCallAsync"/>), or, when no webhook ever names it, taken as never placed after
/// <see cref="CampaignOptions.UnconfirmedDialGrace"/> and dialled again at once, however many attempts the contact
/// may have (one never placed is not one of them). Orleans keeps one activation per
/// campaign, and a reminder (in PostgreSQL) wakes it after a silo or the whole cluster restarts.
/// </para>
/// </summary>
public sealed partial class CampaignGrain(
    CampaignRepository campaigns,
    DoNotCallRepository doNotCall,
    BusinessRepository business,
    TextMessageRepository texts,
    ICallControl carrier,
    IOptions<TwilioOptions> twilio,
    IOptions<CampaignOptions> options,
    [FromKeyedServices(CampaignGrain.ClockKey)] TimeProvider time,
    ILogger<CampaignGrain> logger) : Grain, ICampaignGrain, IRemindable
{
    /// <summary>
    /// The clock that decides calling hours and due retries, a keyed service of its own (the system clock unless a host
    /// registers another) so that a test can move campaigns through hours and backoffs without moving the silo's own
    /// clock, which Orleans' timers and membership run on.
    /// </summary>
    public const string ClockKey = "campaigns";

    const string WakeUp = "campaign";

    /// <summary>Orleans' shortest reminder period by default; the timer does the work, the reminder only wakes the grain.</summary>
    static readonly TimeSpan WakeUpPeriod = TimeSpan.FromMinutes(1);

    /// <summary>How many due contacts one tick looks through for one inside its calling hours.</summary>
    const int DueBatch = 100;

    /// <summary>How often a reminder campaign looks in the appointment book for appointments to remind of.</summary>
    static readonly TimeSpan AppointmentScanPeriod = TimeSpan.FromMinutes(1);

    Campaign? campaign;
    IGrainTimer? ticker;
    DateTimeOffset appointmentsScannedAt = DateTimeOffset.MinValue;

    long Id => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        campaign = await campaigns.GetAsync(Id, cancellationToken);
        if (await NeedsTickingAsync(cancellationToken))
        {
            StartTicking();
        }
    }

    /// <summary>A running campaign dials; any other still has calls whose outcomes it must record.</summary>
    async Task<bool> NeedsTickingAsync(CancellationToken cancellationToken) =>
        campaign is { Status: CampaignStatus.Running } || campaign is not null && (await campaigns.OpenAttemptsAsync(Id, cancellationToken)).Count > 0;

    public Task<CampaignStatus> StartAsync() => MoveAsync(CampaignStatus.Running, from: [CampaignStatus.Draft], unchangedIn: []);

    public Task<CampaignStatus> PauseAsync() => MoveAsync(CampaignStatus.Paused, from: [CampaignStatus.Running], unchangedIn: [CampaignStatus.Paused]);

    public Task<CampaignStatus> ResumeAsync() => MoveAsync(CampaignStatus.Running, from: [CampaignStatus.Paused], unchangedIn: [CampaignStatus.Running]);

    public Task<CampaignStatus> CancelAsync() =>
        MoveAsync(CampaignStatus.Cancelled, from: [CampaignStatus.Draft, CampaignStatus.Running, CampaignStatus.Paused], unchangedIn: [CampaignStatus.Cancelled]);

    async Task<CampaignStatus> MoveAsync(CampaignStatus to, CampaignStatus[] from, CampaignStatus[] unchangedIn)
    {
        var current = Current();
        if (unchangedIn.Contains(current.Status))
        {
            return current.Status;
        }
        if (to == CampaignStatus.Running && !twilio.Value.CanCallOut)
        {
            // Every attempt would be refused and count against its contact: the campaign does not run at all instead.
            throw new InvalidCampaignTransitionException($"Campaign {Id} cannot dial: {TwilioOptions.CannotCallOut}");
        }
        if (!from.Contains(current.Status))
        {
            throw new InvalidCampaignTransitionException(
                $"Campaign {Id} is {current.Status.Name()}; it cannot be {(to == CampaignStatus.Running ? (current.Status == CampaignStatus.Draft ? "started" : "resumed") : to.Name())} from there.");
        }
        await campaigns.SetStatusAsync(Id, to, CancellationToken.None);
        campaign = current with { Status = to };
        Log.StatusChanged(logger, Id, to);
        if (to == CampaignStatus.Running)
        {
            await this.RegisterOrUpdateReminder(WakeUp, WakeUpPeriod, WakeUpPeriod);
            StartTicking();
        }
        return to;
    }

    public async Task<CampaignCall?> ClaimCallAsync(string attemptKey, string callSid)
    {
        if (campaign is null || CampaignAttempt.CampaignOf(attemptKey) != Id
            || await campaigns.GetAttemptAsync(attemptKey, CancellationToken.None) is not { } attempt)
        {
            return null;
        }
        if (attempt.CallSid != callSid)
        {
            if (attempt.CallSid is not null || !await campaigns.RecordCallAsync(attemptKey, callSid, CancellationToken.None))
            {
                return null;
            }
            // The dial's answer was lost (this activation is not the one that dialled): the call starts here instead.
            Log.CallClaimed(logger, Id, attemptKey);
            await StartCallAsync(callSid, attempt.Phone, attempt.CustomerId, attempt.Purpose);
        }
        return new CampaignCall(campaign.Rules.MachineMessage);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        campaign = await campaigns.GetAsync(Id, CancellationToken.None);
        if (await NeedsTickingAsync(CancellationToken.None))
        {
            StartTicking();
            return;
        }
        // Nothing to dial and nothing to wait for: the campaign no longer needs waking.
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    void StartTicking()
    {
        if (ticker is not null)
        {
            return;
        }
        var period = TimeSpan.FromSeconds(1 / Current().Rules.CallsPerSecond);
        ticker = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, period) { KeepAlive = true });
    }

    async Task TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await CloseEndedAttemptsAsync(now, cancellationToken);
        var current = Current();
        if (current.Status == CampaignStatus.Running && current.Rules.RemindBefore is { } before && now - appointmentsScannedAt >= AppointmentScanPeriod)
        {
            appointmentsScannedAt = now;
            await AddAppointmentRemindersAsync(before, now, cancellationToken);
        }
        if (current.Status == CampaignStatus.Running && open < current.Rules.MaxConcurrent && !(now < current.Rules.StartAt))
        {
            if (await DialNextAsync(current, now, cancellationToken))
            {
                return;
            }
            // A campaign that follows the appointment book is never done: there will be more appointments.
            if (open == 0 && current.Rules.RemindBefore is null && await campaigns.ProgressAsync(Id, cancellationToken) is { Pending: 0, InProgress: 0 })
            {
                await MoveAsync(CampaignStatus.Finished, from: [CampaignStatus.Running], unchangedIn: []);
            }
        }
        if (Current().Status != CampaignStatus.Running && open == 0)
        {
            ticker?.Dispose();
            ticker = null;
        }
    }

    /// <summary>Closes the attempts whose call has ended, or whose dial was never confirmed; returns how many stay open.</summary>
    async Task<int> CloseEndedAttemptsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempts = await campaigns.OpenAttemptsAsync(Id, cancellationToken);
        if (attempts.Count == 0)
        {
            return 0;
        }
        var ended = (await campaigns.EndedCallsAsync(Id, cancellationToken)).ToDictionary(e => e.Key);
        var open = 0;
        foreach (var attempt in attempts)
        {
            if (ended.TryGetValue(attempt.Key, out var call))
            {
                await FinishAsync(attempt, CallOutcomeNames.Parse(call.Outcome), call.Outcome ?? "unknown", call.EndedAt, cancellationToken);
            }
            else if (attempt.CallSid is null && now - attempt.DialledAt > options.Value.UnconfirmedDialGrace)
            {
                // Never placed (Twilio names a call it created within seconds): the contact was not called, so this is
                // not one of their attempts, and they are due again at once, their last attempt included.
                Log.DialUnconfirmed(logger, Id, attempt.Key);
                await campaigns.FinishAttemptAsync(attempt.Key, "unconfirmed", now, ContactState.Pending, now, cancellationToken);
            }
            else
            {
                open++;
            }
        }
        return open;
    }

    async Task FinishAsync(CampaignAttempt attempt, CallOutcome? outcome, string outcomeName, DateTimeOffset endedAt, CancellationToken cancellationToken)
    {
        var optedOut = await doNotCall.ContainsAsync(attempt.Phone, cancellationToken);
        var result = AttemptResult.Of(outcome, attempt.Attempt, Current().Rules, endedAt, optedOut);
        await campaigns.FinishAttemptAsync(attempt.Key, outcomeName, endedAt, result.State, result.NextAttemptAt, cancellationToken);
        Log.AttemptEnded(logger, Id, attempt.Key, outcomeName, result.State);
    }

    /// <summary>
    /// Each booked appointment starting within <paramref name="before"/> becomes a contact, called about that appointment
    /// (and texted about it when the campaign says so).
    /// </summary>
    async Task AddAppointmentRemindersAsync(TimeSpan before, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await business.GetCalendarAsync(cancellationToken) is not { } calendar)
        {
            return;
        }
        foreach (var due in await campaigns.AppointmentsDueAsync(Id, now, before, DueBatch, cancellationToken))
        {
            var service = due.Service.Length > 0 ? char.ToLowerInvariant(due.Service[0]) + due.Service[1..] : due.Service;
            var purpose = $"your {service} with {due.Staff} on {SpokenTime.DayAndTime(calendar.LocalTime(due.StartsAt))}";
            if (await campaigns.AddReminderAsync(Id, due, purpose, cancellationToken))
            {
                Log.ReminderAdded(logger, Id, due.AppointmentId);
                if (Current().Rules.TextReminders)
                {
                    await new AppointmentTexts(texts, calendar.Name, confirmChanges: false).RemindAsync(due.CustomerId, due.AppointmentId, purpose, cancellationToken);
                }
            }
        }
    }

    /// <summary>Places one call if a contact is due and may be called now; false when none was placed.</summary>
    async Task<bool> DialNextAsync(Campaign current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var calendar = await business.GetCalendarAsync(cancellationToken);
        foreach (var contact in await campaigns.DueContactsAsync(Id, now, DueBatch, cancellationToken))
        {
            if (!CallingHours.AllowCall(current.Rules, contact.TimeZone, calendar, now))
            {
                continue;
            }
            if (await doNotCall.ContainsAsync(contact.Phone, cancellationToken))
            {
                await campaigns.SetContactStateAsync(contact.Id, ContactState.OptedOut, "do_not_call", cancellationToken);
                continue;
            }

            var attempt = contact.Attempts + 1;
            var key = await campaigns.BeginAttemptAsync(Id, contact.Id, attempt, now, cancellationToken);
            string callSid;
            try
            {
                // Not cancelled with the tick: a dial abandoned half way is exactly the unknown this design avoids.
                callSid = await carrier.DialAsync(new DialRequest(contact.Phone, key, current.Rules.MachineMessage is not null), CancellationToken.None);
            }
            catch (CallControlException e) when (e.OutcomeUnknown)
            {
                // Twilio may have created the call: the attempt stays open for its webhooks to claim, or for the
                // unconfirmed-dial grace to close; dialling it again now could ring the callee twice.
                Log.DialUnknown(logger, Id, key, e.Message);
                return true;
            }
            catch (CallControlException e)
            {
                Log.DialRefused(logger, Id, key, e.Message);
                var placed = new CampaignAttempt(key, contact.Id, attempt, contact.Phone, contact.CustomerId, null, now);
                await FinishAsync(placed, CallOutcome.Failed, "dial_refused", now, cancellationToken);
                return true;
            }
            if (await campaigns.RecordCallAsync(key, callSid, CancellationToken.None))
            {
                await StartCallAsync(callSid, contact.Phone, contact.CustomerId, contact.Purpose);
            }
            Log.Dialled(logger, Id, key);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Starts the call's grain as an outbound call about the contact's own purpose (a reminder's appointment), else the
    /// campaign's, asking the campaign's survey if it has one (idempotent: a started call is returned as it is).
    /// </summary>
    Task StartCallAsync(string callSid, string phone, long? customerId, string? purpose) =>
        GrainFactory.GetGrain<ICallGrain>(callSid).StartAsync(
            new CallStart(CallDirection.Outbound, twilio.Value.PhoneNumber ?? "", phone, purpose ?? Current().Purpose, customerId, SurveyId: Current().SurveyId));

    Campaign Current() => campaign ?? throw new InvalidCampaignTransitionException($"There is no campaign {Id}.");

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} is now {Status}")]
        public static partial void StatusChanged(ILogger logger, long campaignId, CampaignStatus status);

        [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} will remind of appointment {AppointmentId}")]
        public static partial void ReminderAdded(ILogger logger, long campaignId, long appointmentId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} placed attempt {AttemptKey}")]
        public static partial void Dialled(ILogger logger, long campaignId, string attemptKey);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: the carrier refused attempt {AttemptKey}: {Reason}")]
        public static partial void DialRefused(ILogger logger, long campaignId, string attemptKey, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: attempt {AttemptKey} got no answer from the carrier ({Reason}); it waits for the call's webhooks")]
        public static partial void DialUnknown(ILogger logger, long campaignId, string attemptKey, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}: attempt {AttemptKey} was never confirmed by the carrier; it counts as not placed")]
        public static partial void DialUnconfirmed(ILogger logger, long campaignId, string attemptKey);

        [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: attempt {AttemptKey} was matched to its call by the carrier's webhook")]
        public static partial void CallClaimed(ILogger logger, long campaignId, string attemptKey);

        [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId}: attempt {AttemptKey} ended {Outcome}; contact now {State}")]
        public static partial void AttemptEnded(ILogger logger, long campaignId, string attemptKey, string outcome, ContactState state);
    }
}
