using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Campaigns;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Telephony;

namespace VoiceGrains.Grains.Tests.Campaigns;

/// <summary>
/// Campaigns on a real silo, dialling through the local stand-in of Twilio's REST API. Calling hours are met with
/// fixed-offset zones picked for the hour the test runs in (one where it is early afternoon, one where it is the
/// small hours), so the windows are real; a retry's backoff is passed by moving the campaigns' clock. The carrier's
/// status callbacks are played as the front end plays them: by ending the call's grain with Twilio's outcome.
/// </summary>
public sealed class CampaignGrainTests : IClassFixture<CampaignSilo>
{
    const string Purpose = "your appointment tomorrow";

    readonly CampaignSilo silo;

    /// <summary>Each test starts on real time: a clock another test moved would make its retries due at once.</summary>
    public CampaignGrainTests(CampaignSilo silo)
    {
        this.silo = silo;
        silo.Clock.Offset = TimeSpan.Zero;
    }

    CampaignRepository Campaigns => silo.Services.GetRequiredService<CampaignRepository>();

    [Fact]
    public async Task EachContactIsCalledOnceAnAttemptOnlyInsideTheirHoursAndNeverOnTheDoNotCallList()
    {
        await silo.Database.ScalarAsync<int>("WITH gone AS (DELETE FROM holidays RETURNING 1) SELECT count(*)::int FROM gone");
        var (day, night) = (FixedOffsetZones.WhereTheHourIs(13), FixedOffsetZones.WhereTheHourIs(3));
        var campaign = await CreateAsync("reminders-1", new CampaignRules { MaxAttempts = 2, RetryAfter = TimeSpan.FromMinutes(30) },
            new NewContact("+15550110001", "Ada", TimeZone: day),
            new NewContact("+15550110002", "Ben", TimeZone: day),
            new NewContact("+15550110003", "Cy", TimeZone: night),
            new NewContact("+15550110004", "Di", TimeZone: day));
        await silo.Services.GetRequiredService<DoNotCallRepository>().AddAsync("+15550110004", DoNotCallSource.Operator, CancellationToken.None);
        var grain = silo.Grains.GetGrain<ICampaignGrain>(campaign.Id);

        Assert.Equal(CampaignStatus.Running, await grain.StartAsync());
        var first = await DialledAsync(campaign.Id, 2);
        await Task.Delay(TimeSpan.FromSeconds(1.5));   // a few more ticks: nobody else is due
        var calls = DialsOf(campaign.Id);
        Assert.Equal(["+15550110001", "+15550110002"], calls.Select(c => c.Form["To"]).Order());
        Assert.All(calls, c => Assert.Equal(CampaignSilo.BusinessNumber, c.Form["From"]));
        var ada = await ContactAsync(campaign.Id, "+15550110001");
        Assert.Equal((ContactState.InProgress, 1), (ada.State, ada.Attempts));
        Assert.Equal(ContactState.OptedOut, (await ContactAsync(campaign.Id, "+15550110004")).State);
        Assert.Equal(ContactState.Pending, (await ContactAsync(campaign.Id, "+15550110003")).State);

        // Each call was started as the campaign's: outbound, to the contact, with its purpose.
        var adaCall = first.Single(c => c.Form["To"] == "+15550110001").CallSid;
        var benCall = first.Single(c => c.Form["To"] == "+15550110002").CallSid;
        var snapshot = (await silo.Grains.GetGrain<ICallGrain>(adaCall).GetSnapshotAsync())!;
        Assert.Equal((CallDirection.Outbound, "+15550110001", Purpose), (snapshot.Direction, snapshot.To, snapshot.Purpose));

        // Ada talks to the agent; Ben's line is busy.
        await EndWhenStartedAsync(adaCall, CallOutcome.Completed);
        await EndWhenStartedAsync(benCall, CallOutcome.Busy);
        var ben = await WaitForAsync(campaign.Id, "+15550110002", c => c.State == ContactState.Pending);
        Assert.Equal(ContactState.Reached, (await WaitForAsync(campaign.Id, "+15550110001", c => c.State != ContactState.InProgress)).State);
        Assert.Equal("busy", ben.LastOutcome);
        Assert.InRange(ben.NextAttemptAt!.Value - silo.Clock.GetUtcNow(), TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(2, DialsOf(campaign.Id).Count);   // not before the backoff has passed

        // Half an hour later Ben is tried again, as attempt 2; no answer again, and two attempts were all he had.
        silo.Clock.Offset += TimeSpan.FromMinutes(31);
        var again = (await DialledAsync(campaign.Id, 3))[^1];
        Assert.Equal("+15550110002", again.Form["To"]);
        Assert.EndsWith(".2", AttemptKeyOf(again.Form));
        await EndWhenStartedAsync(again.CallSid, CallOutcome.NoAnswer);
        Assert.Equal(ContactState.Failed, (await WaitForAsync(campaign.Id, "+15550110002", c => c.State != ContactState.InProgress)).State);

        // Cy, whose night it is, is still waiting for his morning: the campaign runs on, and is then cancelled.
        var progress = (await Campaigns.ProgressAsync(campaign.Id, CancellationToken.None))!;
        Assert.Equal((CampaignStatus.Running, 1, 1, 1, 1, 3), (progress.Campaign.Status, progress.Pending, progress.Reached, progress.Failed, progress.OptedOut, progress.CallsPlaced));
        Assert.Equal(CampaignStatus.Cancelled, await grain.CancelAsync());
        await Assert.ThrowsAsync<InvalidCampaignTransitionException>(grain.ResumeAsync);
        Assert.Equal(3, DialsOf(campaign.Id).Count);
    }

    [Fact]
    public async Task ADialWhoseAnswerWasLostIsClaimedByItsWebhookAndNeverDialledAgain()
    {
        await silo.Database.ScalarAsync<int>("WITH gone AS (DELETE FROM holidays RETURNING 1) SELECT count(*)::int FROM gone");
        var campaign = await CreateAsync("reminders-2", new CampaignRules { MachineMessage = "Hello from Northwind: please call us back." },
            new NewContact("+15550120001", "Eve", TimeZone: FixedOffsetZones.WhereTheHourIs(13)));
        var grain = silo.Grains.GetGrain<ICampaignGrain>(campaign.Id);

        silo.Twilio.DropNextCreateAnswer = true;
        await grain.StartAsync();
        var dial = (await DialledAsync(campaign.Id, 1)).Single();
        Assert.Equal("DetectMessageEnd", dial.Form["MachineDetection"]);   // it leaves a message: wait for the beep
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(DialsOf(campaign.Id));   // no answer came back, and the attempt is not dialled again
        Assert.Null((await Campaigns.OpenAttemptsAsync(campaign.Id, CancellationToken.None)).Single().CallSid);

        // Twilio's "initiated" status callback names the attempt in its address: the front end hands it to the campaign.
        var key = AttemptKeyOf(dial.Form);
        Assert.Null(await grain.ClaimCallAsync($"{campaign.Id + 1000}.1.1", dial.CallSid));   // not this campaign's key
        var claimed = await grain.ClaimCallAsync(key, dial.CallSid);
        Assert.Equal("Hello from Northwind: please call us back.", claimed?.MachineMessage);
        Assert.Null(await grain.ClaimCallAsync(key, "CA" + new string('1', 32)));   // one attempt, one call
        Assert.Equal(dial.CallSid, (await Campaigns.OpenAttemptsAsync(campaign.Id, CancellationToken.None)).Single().CallSid);
        Assert.Equal(Purpose, (await silo.Grains.GetGrain<ICallGrain>(dial.CallSid).GetSnapshotAsync())!.Purpose);

        // A machine answered and took the message: Eve counts as reached by voicemail, and the campaign is done.
        await silo.Grains.GetGrain<ICallGrain>(dial.CallSid).EndAsync(CallOutcome.AnsweringMachine);
        Assert.Equal(ContactState.Voicemail, (await WaitForAsync(campaign.Id, "+15550120001", c => c.State != ContactState.InProgress)).State);
        for (var i = 0; i < 100 && (await Campaigns.GetAsync(campaign.Id, CancellationToken.None))!.Status != CampaignStatus.Finished; i++)
        {
            await Task.Delay(100);
        }
        Assert.Equal(CampaignStatus.Finished, (await Campaigns.GetAsync(campaign.Id, CancellationToken.None))!.Status);
        Assert.Single(DialsOf(campaign.Id));
    }

    [Fact]
    public async Task ADialNoWebhookEverConfirmsWasNeverPlacedAndIsDialledAgainEvenOnTheLastAttempt()
    {
        await silo.Database.ScalarAsync<int>("WITH gone AS (DELETE FROM holidays RETURNING 1) SELECT count(*)::int FROM gone");
        var campaign = await CreateAsync("reminders-unconfirmed", new CampaignRules { MaxAttempts = 1 },
            new NewContact("+15550125001", "Fay", TimeZone: FixedOffsetZones.WhereTheHourIs(13)));
        var grain = silo.Grains.GetGrain<ICampaignGrain>(campaign.Id);

        // The dial's answer is lost and no webhook ever names it (the request died before Twilio made a call).
        silo.Twilio.DropNextCreateAnswer = true;
        await grain.StartAsync();
        var lost = (await DialledAsync(campaign.Id, 1)).Single();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(DialsOf(campaign.Id));   // within the grace it is waited for, not dialled again

        silo.Clock.Offset += TimeSpan.FromMinutes(3);
        var again = (await DialledAsync(campaign.Id, 2))[^1];
        Assert.Equal("+15550125001", again.Form["To"]);
        Assert.EndsWith(".2", AttemptKeyOf(again.Form));
        Assert.NotEqual(AttemptKeyOf(lost.Form), AttemptKeyOf(again.Form));
        await EndWhenStartedAsync(again.CallSid, CallOutcome.Busy);
        // Busy on the one real attempt Fay had: failed, and never dialled a third time.
        Assert.Equal(ContactState.Failed, (await WaitForAsync(campaign.Id, "+15550125001", c => c.State != ContactState.InProgress)).State);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(2, DialsOf(campaign.Id).Count);
    }

    [Fact]
    public async Task APausedCampaignPlacesNoCallsUntilResumedAndAStartedOneCannotBeStartedAgain()
    {
        await silo.Database.ScalarAsync<int>("WITH gone AS (DELETE FROM holidays RETURNING 1) SELECT count(*)::int FROM gone");
        var campaign = await CreateAsync("reminders-3", new CampaignRules { MaxConcurrent = 1 },
            new NewContact("+15550130001", TimeZone: FixedOffsetZones.WhereTheHourIs(13)), new NewContact("+15550130002", TimeZone: FixedOffsetZones.WhereTheHourIs(13)));
        var grain = silo.Grains.GetGrain<ICampaignGrain>(campaign.Id);

        await grain.StartAsync();
        var first = (await DialledAsync(campaign.Id, 1)).Single();
        await Assert.ThrowsAsync<InvalidCampaignTransitionException>(grain.StartAsync);
        Assert.Equal(CampaignStatus.Paused, await grain.PauseAsync());
        await EndWhenStartedAsync(first.CallSid, CallOutcome.Completed);
        await WaitForAsync(campaign.Id, first.Form["To"], c => c.State == ContactState.Reached);   // a paused campaign still closes its calls
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(DialsOf(campaign.Id));   // at most one at a time, and none while paused

        Assert.Equal(CampaignStatus.Running, await grain.ResumeAsync());
        var second = (await DialledAsync(campaign.Id, 2))[^1];
        Assert.NotEqual(first.Form["To"], second.Form["To"]);
    }

    [Fact]
    public async Task ACampaignStartedBeforeItsStartTimeWaitsForIt()
    {
        await silo.Database.ScalarAsync<int>("WITH gone AS (DELETE FROM holidays RETURNING 1) SELECT count(*)::int FROM gone");
        var campaign = await CreateAsync("reminders-4", new CampaignRules { StartAt = silo.Clock.GetUtcNow().AddHours(1) },
            new NewContact("+15550140001", TimeZone: FixedOffsetZones.WhereTheHourIs(12)));
        var grain = silo.Grains.GetGrain<ICampaignGrain>(campaign.Id);

        Assert.Equal(CampaignStatus.Running, await grain.StartAsync());
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty(DialsOf(campaign.Id));

        silo.Clock.Offset += TimeSpan.FromMinutes(61);
        Assert.Equal("+15550140001", (await DialledAsync(campaign.Id, 1)).Single().Form["To"]);
        await grain.CancelAsync();
    }

    [Fact]
    public async Task AReminderCampaignCallsAndTextsEachBookedAppointmentsCustomerAboutThatAppointment()
    {
        await silo.Database.ScalarAsync<int>("WITH gone AS (DELETE FROM holidays RETURNING 1) SELECT count(*)::int FROM gone");
        var customer = await silo.Database.ScalarAsync<long>("SELECT id FROM customers WHERE phone = '+15550100033'");
        var slot = await silo.Database.ScalarAsync<long>("""
            SELECT s.id FROM appointment_slots s
             WHERE s.starts_at > now() + interval '1 hour'
               AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status <> 'cancelled')
             ORDER BY s.starts_at LIMIT 1
            """);
        var booked = await silo.Services.GetRequiredService<VoiceGrains.Data.Appointments.AppointmentRepository>().BookAsync(slot, customer, null, CancellationToken.None);
        // The callees' zone is the campaign's (reminders carry none of their own): one where it is early afternoon.
        var campaign = await CreateAsync("appointment-reminders",
            new CampaignRules { RemindBefore = TimeSpan.FromDays(14), TimeZone = FixedOffsetZones.WhereTheHourIs(13), MaxConcurrent = 20, TextReminders = true });
        var grain = silo.Grains.GetGrain<ICampaignGrain>(campaign.Id);

        await grain.StartAsync();
        (string CallSid, IReadOnlyDictionary<string, string> Form)? dial = null;
        for (var i = 0; i < 150 && dial is null; i++)
        {
            dial = DialsOf(campaign.Id).Where(c => c.Form["To"] == "+15550100033").Select(c => ((string, IReadOnlyDictionary<string, string>)?)c).FirstOrDefault();
            await Task.Delay(100);
        }

        Assert.NotNull(dial);
        var contact = (await Campaigns.ContactsAsync(campaign.Id, 1000, 0, CancellationToken.None)).Single(c => c.AppointmentId == booked.AppointmentId);
        var appointmentSlot = (await silo.Services.GetRequiredService<VoiceGrains.Data.Appointments.AppointmentRepository>().GetSlotAsync(slot, CancellationToken.None))!;
        Assert.StartsWith($"your {appointmentSlot.Service.ToLowerInvariant()} with {appointmentSlot.Staff} on ", contact.Purpose, StringComparison.Ordinal);
        Assert.Equal(contact.Purpose, (await silo.Grains.GetGrain<ICallGrain>(dial.Value.CallSid).GetSnapshotAsync())!.Purpose);
        // Each booked appointment once, however many scans the campaign makes.
        var contacts = await Campaigns.ContactsAsync(campaign.Id, 1000, 0, CancellationToken.None);
        Assert.Equal(contacts.Count, contacts.Select(c => c.AppointmentId).Distinct().Count());
        // And texted about it once, through Twilio's Messaging API, from the business's number.
        IReadOnlyDictionary<string, string>? text = null;
        for (var i = 0; i < 100 && text is null; i++)
        {
            text = silo.Twilio.Messages.FirstOrDefault(m => m["To"] == "+15550100033");
            await Task.Delay(100);
        }
        Assert.NotNull(text);
        Assert.EndsWith($"a reminder of {contact.Purpose}. Reply STOP to opt out.", text["Body"], StringComparison.Ordinal);
        Assert.Equal(CampaignSilo.BusinessNumber, text["From"]);
        Assert.Single(silo.Twilio.Messages, m => m["To"] == "+15550100033");
        Assert.Equal(CampaignStatus.Cancelled, await grain.CancelAsync());
    }

    async Task<Campaign> CreateAsync(string name, CampaignRules rules, params NewContact[] contacts)
    {
        var campaign = (await Campaigns.CreateAsync(
            new CampaignDefinition(name, CampaignKind.Reminder, Purpose, rules with { CallsPerSecond = 10, TimeZone = rules.TimeZone ?? "UTC" }), CancellationToken.None))!;
        await Campaigns.AddContactsAsync(campaign.Id, contacts, CancellationToken.None);
        return campaign;
    }


    /// <summary>The calls Twilio was asked to create for this campaign (their webhook addresses carry its attempt keys).</summary>
    IReadOnlyList<(string CallSid, IReadOnlyDictionary<string, string> Form)> DialsOf(long campaign) =>
        silo.Twilio.Created.Where(c => CampaignAttempt.CampaignOf(AttemptKeyOf(c.Form)) == campaign).ToList();

    static string AttemptKeyOf(IReadOnlyDictionary<string, string> form) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(form["Url"]).Query)[DialRequest.AttemptParameter] ?? "";

    async Task<IReadOnlyList<(string CallSid, IReadOnlyDictionary<string, string> Form)>> DialledAsync(long campaign, int count)
    {
        for (var i = 0; i < 150; i++)
        {
            if (DialsOf(campaign) is { } dials && dials.Count >= count)
            {
                return dials;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Campaign {campaign} placed {DialsOf(campaign).Count} calls, not {count}, within 15 s.");
    }

    /// <summary>
    /// Ends a dialled call once its grain has started: the carrier hears of a call before the campaign starts its grain
    /// with the carrier's answer, so a call just seen dialled may not have started yet.
    /// </summary>
    async Task EndWhenStartedAsync(string callSid, CallOutcome outcome)
    {
        var call = silo.Grains.GetGrain<ICallGrain>(callSid);
        for (var i = 0; i < 100 && await call.GetSnapshotAsync() is null; i++)
        {
            await Task.Delay(100);
        }
        await call.EndAsync(outcome);
    }

    async Task<CampaignContact> ContactAsync(long campaign, string phone) =>
        (await Campaigns.ContactsAsync(campaign, 100, 0, CancellationToken.None)).Single(c => c.Phone == phone);

    async Task<CampaignContact> WaitForAsync(long campaign, string phone, Func<CampaignContact, bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await ContactAsync(campaign, phone) is var contact && condition(contact))
            {
                return contact;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Contact {phone} is still {(await ContactAsync(campaign, phone)).State} after 10 s.");
    }
}
