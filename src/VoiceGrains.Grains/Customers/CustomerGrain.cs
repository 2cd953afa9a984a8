using VoiceGrains.Contracts.Customers;
using VoiceGrains.Data.Customers;

namespace VoiceGrains.Grains.Customers;

/// <summary>
/// One customer. The domain tables are its store: it loads its context once per activation, keeps it current
/// as calls and follow-ups arrive, and writes follow-ups through. Call rows themselves belong to CallGrain.
/// </summary>
public sealed class CustomerGrain(CustomerRepository customers) : Grain, ICustomerGrain
{
    const int RecentCallCount = 10;

    CustomerProfile? profile;
    List<CallHistoryEntry> recentCalls = [];
    List<FollowUp> openFollowUps = [];

    long CustomerId => this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        profile = await customers.GetProfileAsync(CustomerId, cancellationToken)
            ?? throw new CustomerNotFoundException(CustomerId);
        recentCalls = [.. await customers.GetRecentCallsAsync(CustomerId, RecentCallCount, cancellationToken)];
        openFollowUps = [.. await customers.GetOpenFollowUpsAsync(CustomerId, cancellationToken)];
    }

    public Task<CustomerContext> GetContextAsync() =>
        Task.FromResult(new CustomerContext(profile!, recentCalls.ToArray(), openFollowUps.ToArray()));

    public Task RecordCallAsync(CallHistoryEntry call)
    {
        ArgumentNullException.ThrowIfNull(call);
        recentCalls.RemoveAll(c => c.CallSid == call.CallSid);
        recentCalls.Insert(0, call);
        if (recentCalls.Count > RecentCallCount)
        {
            recentCalls.RemoveRange(RecentCallCount, recentCalls.Count - RecentCallCount);
        }
        return Task.CompletedTask;
    }

    public async Task<FollowUp> AddFollowUpAsync(string reason, DateTimeOffset? dueAt, string? callSid)
    {
        var followUp = await customers.AddFollowUpAsync(CustomerId, reason, dueAt, callSid, CancellationToken.None);
        openFollowUps.Add(followUp);
        return followUp;
    }

    public async Task CompleteFollowUpAsync(long followUpId)
    {
        if (await customers.CompleteFollowUpAsync(CustomerId, followUpId, CancellationToken.None))
        {
            openFollowUps.RemoveAll(f => f.Id == followUpId);
        }
    }
}
