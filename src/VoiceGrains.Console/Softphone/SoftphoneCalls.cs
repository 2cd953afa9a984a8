using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Customers;
using VoiceGrains.Telephony;

namespace VoiceGrains.Console.Softphone;

/// <summary>
/// Calls placed from the console's softphone, waiting for their browser's audio socket: the call is started as the
/// voice webhook starts a phone call (a browser call, inbound to the business number) and given its single-use media
/// token, and only the operator who placed it may connect its audio, once, while that token lasts. A call whose browser
/// never connects is ended by the silos like any call whose media never came (NeverConnectedCalls).
/// </summary>
public sealed class SoftphoneCalls(IGrainFactory grains, IOptions<SoftphoneOptions> softphone, IOptions<TwilioOptions> twilio, TimeProvider time)
{
    readonly ConcurrentDictionary<string, (string OperatorId, DateTimeOffset Expires)> waiting = new();

    /// <summary>How a browser caller is named: as Twilio names a Voice SDK client, client:identity.</summary>
    public static string CallerFor(string operatorId) => "client:" + ClientIdentity(operatorId);

    /// <summary>A Voice SDK identity for an operator: Twilio allows letters, digits and underscores.</summary>
    public static string ClientIdentity(string operatorId) =>
        "operator_" + new string(operatorId.Where(char.IsAsciiLetterOrDigit).ToArray());

    /// <summary>Why a "call as" number cannot be used, or null when it can (none, or an E.164 number).</summary>
    public static string? CallerNumberProblem(string? callerNumber) =>
        string.IsNullOrWhiteSpace(callerNumber) || PhoneNumber.IsE164(callerNumber.Trim())
            ? null
            : "The caller number must be in E.164 form, e.g. +15550100015.";

    /// <summary>Starts a browser call to the business number, from <paramref name="callerNumber"/> (a demo customer's
    /// number, so caller ID identifies them) or, without one, from the operator as a browser client.</summary>
    /// <exception cref="ArgumentException">The caller number is not an E.164 number.</exception>
    public async Task<SoftphoneCall> PlaceAsync(string operatorId, string? callerNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operatorId);
        if (CallerNumberProblem(callerNumber) is { } problem)
        {
            throw new ArgumentException(problem, nameof(callerNumber));
        }
        var from = string.IsNullOrWhiteSpace(callerNumber) ? CallerFor(operatorId) : callerNumber.Trim();
        var callSid = "CA" + Guid.NewGuid().ToString("N");
        var call = grains.GetGrain<ICallGrain>(callSid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, from, softphone.Value.CalledNumber, Channel: CallChannel.Browser));
        var lifetime = twilio.Value.MediaTokenLifetime;
        var token = await call.IssueMediaTokenAsync(lifetime)
            ?? throw new InvalidOperationException($"Call {callSid} was just started and already has its media.");
        var now = time.GetUtcNow();
        foreach (var stale in waiting.Where(w => w.Value.Expires <= now).Select(w => w.Key).ToList())
        {
            waiting.TryRemove(stale, out _);
        }
        waiting[callSid] = (operatorId, now + lifetime);
        return new SoftphoneCall(callSid, token);
    }

    /// <summary>True once for the operator who placed the call, while its token lasts; false for anyone else or later.</summary>
    public bool TryClaim(string callSid, string operatorId) =>
        waiting.TryGetValue(callSid, out var entry) && entry.OperatorId == operatorId && entry.Expires > time.GetUtcNow()
        && waiting.TryRemove(new KeyValuePair<string, (string, DateTimeOffset)>(callSid, entry));
}
