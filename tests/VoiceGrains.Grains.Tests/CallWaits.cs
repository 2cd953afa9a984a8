using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Tests;

static class CallWaits
{
    /// <summary>Waits up to 10 s until the call holds <paramref name="count"/> turns (the agent answers in the background).</summary>
    public static async Task<CallSnapshot> WaitForTurnsAsync(this ICallGrain call, int count)
    {
        for (var i = 0; i < 200; i++)
        {
            var snapshot = (await call.GetSnapshotAsync())!;
            if (snapshot.Turns.Count >= count)
            {
                return snapshot;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The call never reached {count} turns.");
    }
}
