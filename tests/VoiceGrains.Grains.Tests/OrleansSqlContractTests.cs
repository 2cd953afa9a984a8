using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using VoiceGrains.Contracts;

namespace VoiceGrains.Grains.Tests;

/// <summary>
/// The project's own Orleans ADO.NET SQL (db/migrations/005, 006) driven through the real 10.4.2 providers,
/// checking the etag rules of the query contract that grains rely on for consistency.
/// </summary>
public sealed class OrleansSqlContractTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    [GenerateSerializer]
    public sealed class Counter
    {
        [Id(0)] public int Value { get; set; }
    }

    IGrainStorage Storage => silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Calls);

    static readonly GrainType Contract = GrainType.Create("contract");

    // Each kind of key maps to GrainIdN0/N1/extension differently in the query contract.
    public static TheoryData<string> KeyKinds => new() { "string", "integer", "integer+extension", "guid+extension" };

    static GrainId NewGrainId(string kind) => kind switch
    {
        "string" => GrainId.Create("contract", "key-" + Guid.NewGuid().ToString("N")),
        "integer" => GrainId.Create(Contract, GrainIdKeyExtensions.CreateIntegerKey(-Random.Shared.NextInt64(1, long.MaxValue))),
        "integer+extension" => GrainId.Create(Contract, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64(), "ext")),
        _ => GrainId.Create(Contract, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "ext")),
    };

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public async Task GrainStateWritesAreVersionedAndStaleWritersAreRefused(string keyKind)
    {
        var grainId = NewGrainId(keyKind);
        var state = new GrainState<Counter>(new Counter());

        await Storage.ReadStateAsync("counter", grainId, state);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);

        state.State = new Counter { Value = 1 };
        await Storage.WriteStateAsync("counter", grainId, state);
        Assert.Equal("1", state.ETag);
        state.State = new Counter { Value = 2 };
        await Storage.WriteStateAsync("counter", grainId, state);
        Assert.Equal("2", state.ETag);

        var secondFirstWriter = new GrainState<Counter>(new Counter { Value = 99 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("counter", grainId, secondFirstWriter));
        var staleWriter = new GrainState<Counter>(new Counter { Value = 98 }) { ETag = "1" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("counter", grainId, staleWriter));

        var reread = new GrainState<Counter>(new Counter());
        await Storage.ReadStateAsync("counter", grainId, reread);
        Assert.Equal(2, reread.State!.Value);
        Assert.Equal("2", reread.ETag);

        await Storage.ClearStateAsync("counter", grainId, state);
        Assert.Equal("3", state.ETag);
        Assert.False(state.RecordExists);
        var afterClear = new GrainState<Counter>(new Counter());
        await Storage.ReadStateAsync("counter", grainId, afterClear);
        Assert.Equal("3", afterClear.ETag);
        Assert.False(afterClear.RecordExists);
        Assert.Equal(0, afterClear.State!.Value);

        state.State = new Counter { Value = 4 };
        await Storage.WriteStateAsync("counter", grainId, state);
        Assert.Equal("4", state.ETag);
    }

    [Fact]
    public async Task RemindersAreVersionedAndFoundByRingRange()
    {
        var table = silo.Services.GetRequiredService<IReminderTable>();
        var grainId = GrainId.Create("contract", "reminded-" + Guid.NewGuid().ToString("N"));
        var hash = grainId.GetUniformHashCode();
        var entry = new ReminderEntry { GrainId = grainId, ReminderName = "callback", StartAt = DateTime.UtcNow, Period = TimeSpan.FromDays(40) };

        var first = (await table.UpsertRow(entry))!;
        var second = (await table.UpsertRow(entry))!;
        var read = await table.ReadRow(grainId, "callback");

        Assert.Equal("0", first);
        Assert.Equal("1", second);
        Assert.Equal(TimeSpan.FromDays(40), read!.Period);
        Assert.Single((await table.ReadRows(grainId)).Reminders);
        Assert.Contains((await table.ReadRows(hash - 1, hash)).Reminders, r => r.GrainId == grainId);
        Assert.DoesNotContain((await table.ReadRows(hash, hash + 1)).Reminders, r => r.GrainId == grainId);
        Assert.Contains((await table.ReadRows(hash, hash)).Reminders, r => r.GrainId == grainId);
        Assert.Contains((await table.ReadRows(hash + 10, hash)).Reminders, r => r.GrainId == grainId);
        Assert.False(await table.RemoveRow(grainId, "callback", first));
        Assert.True(await table.RemoveRow(grainId, "callback", second));
        Assert.False(await table.RemoveRow(grainId, "callback", second));
    }
}
