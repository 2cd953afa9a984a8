namespace VoiceGrains.Conversation.Tests;

/// <summary>Two callers, two agents, one slot, at the same moment: one confirmation and one polite alternative.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DoubleBookingTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TwoAgentsRacingForOneSlotGiveOneConfirmationAndOneAlternative()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var first = await harness.NewCallAsync();
        var second = await harness.NewCallAsync();
        await first.SayAsync("Hi, I'm Maria Smith, zip code 10001.");
        await second.SayAsync("Hello, my name is Noah Brown and my zip code is 80202.");
        Assert.NotNull(first.Session.CustomerId);
        Assert.NotNull(second.Session.CustomerId);

        var firstOffer = await first.SayAsync("I'd like to book a furniture assembly consultation tomorrow afternoon.");
        var secondOffer = await second.SayAsync("Can I book a furniture assembly consultation tomorrow afternoon?");
        Assert.Equal(firstOffer, secondOffer);
        await first.SayAsync("The first one.");
        await second.SayAsync("The first one.");

        var replies = await Task.WhenAll(Task.Run(() => first.SayAsync("Yes.")), Task.Run(() => second.SayAsync("Yes.")));

        Assert.Single(replies, r => r.StartsWith("You're all set", StringComparison.Ordinal));
        var loser = Assert.Single(replies, r => r.StartsWith("I'm sorry, that time was just taken by someone else", StringComparison.Ordinal));
        Assert.Contains("Would one of those work?", loser);
        var callSids = $"'{first.Session.CallSid}', '{second.Session.CallSid}'";
        Assert.Equal(1L, await harness.DataSource.ScalarAsync<long>($"SELECT count(*) FROM appointments WHERE call_sid IN ({callSids})"));
        var booked = await harness.DataSource.ScalarAsync<bool[]>($"SELECT array_agg(success ORDER BY success) FROM function_calls WHERE call_sid IN ({callSids}) AND name = 'appointments_book_appointment'");
        Assert.Equal([false, true], booked);
    }
}
