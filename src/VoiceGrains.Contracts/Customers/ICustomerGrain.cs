namespace VoiceGrains.Contracts.Customers;

/// <summary>One customer, keyed by the customers table's id; the domain tables are its store.</summary>
[Alias("VoiceGrains.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithIntegerKey
{
    /// <summary>Profile, recent calls and open follow-ups.</summary>
    [Alias("GetContext")]
    Task<CustomerContext> GetContextAsync();

    /// <summary>Tells the customer a call of theirs started or ended, so its history is current.</summary>
    [Alias("RecordCall")]
    Task RecordCallAsync(CallHistoryEntry call);

    /// <summary>Opens a follow-up (a callback request, a promised check) and returns it.</summary>
    [Alias("AddFollowUp")]
    Task<FollowUp> AddFollowUpAsync(string reason, DateTimeOffset? dueAt, string? callSid);

    /// <summary>Marks a follow-up done.</summary>
    [Alias("CompleteFollowUp")]
    Task CompleteFollowUpAsync(long followUpId);
}
