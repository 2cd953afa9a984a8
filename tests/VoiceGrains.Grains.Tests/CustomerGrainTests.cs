using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Customers;
using VoiceGrains.Grains.Customers;

namespace VoiceGrains.Grains.Tests;

public sealed class CustomerGrainTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    [Fact]
    public async Task ACustomerKnowsTheirProfileAndTheirCalls()
    {
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var started = await silo.Grains.GetGrain<ICallGrain>(sid).StartAsync(new CallStart(CallDirection.Inbound, "+15550100003", "+15550100000"));
        await silo.Grains.GetGrain<ICallGrain>(sid).EndAsync(CallOutcome.Completed);

        var context = await silo.Grains.GetGrain<ICustomerGrain>(started.CustomerId!.Value).GetContextAsync();

        Assert.Equal("Wei Zhang", context.Profile.Name);
        Assert.Equal("+15550100003", context.Profile.Phone);
        var call = Assert.Single(context.RecentCalls, c => c.CallSid == sid);
        Assert.Equal(CallOutcome.Completed, call.Outcome);
    }

    [Fact]
    public async Task FollowUpsAreStoredAndClosed()
    {
        var customerId = await silo.Database.ScalarAsync<long>("SELECT id FROM customers WHERE phone = '+15550100011'");
        var customer = silo.Grains.GetGrain<ICustomerGrain>(customerId);

        var followUp = await customer.AddFollowUpAsync("Call back about the rug cleaning quote", DateTimeOffset.UtcNow.AddDays(1), null);
        var open = (await customer.GetContextAsync()).OpenFollowUps;
        await customer.CompleteFollowUpAsync(followUp.Id);

        Assert.Contains(open, f => f.Id == followUp.Id);
        Assert.DoesNotContain((await customer.GetContextAsync()).OpenFollowUps, f => f.Id == followUp.Id);
        Assert.Equal("done", await silo.Database.ScalarAsync<string>($"SELECT status FROM follow_ups WHERE id = {followUp.Id}"));
    }

    [Fact]
    public async Task AnUnknownCustomerIsRefused()
    {
        await Assert.ThrowsAsync<CustomerNotFoundException>(() => silo.Grains.GetGrain<ICustomerGrain>(987654321).GetContextAsync());
    }
}
