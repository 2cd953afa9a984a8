using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VoiceGrains.Simulator;

namespace VoiceGrains.Testing.Twilio;

/// <summary>
/// A local server that speaks the part of Twilio's REST API (2010-04-01) the product uses, as published: creating a
/// call (<c>POST /Accounts/{AccountSid}/Calls.json</c>: form fields To, From and Url or Twiml, HTTP Basic auth with the
/// account sid and auth token, 201 with the call resource) and updating a live one (<c>POST …/Calls/{CallSid}.json</c>
/// with Twiml, Url or Status), and sending a text (<c>POST …/Messages.json</c>: To, From, Body; 201 with the message
/// resource), with Twilio's error bodies (401 code 20003, 400 codes 21205/21211/21602/21610, 404 code 20404).
/// Like Twilio it then calls back: <see cref="AnswerAsync"/> posts the signed voice webhook of an answered call, and the
/// TwiML a live call is updated with goes to that call's carrier side (<see cref="RedirectsOf"/>: the simulator).
/// Test infrastructure only.
/// </summary>
public sealed class TwilioRestServer : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "twilio-test-auth-token";

    readonly WebApplication app;
    readonly Lock gate = new();
    readonly Dictionary<string, Dictionary<string, string>> calls = new(StringComparer.Ordinal);
    readonly List<(string CallSid, Dictionary<string, string> Form)> updates = [];
    readonly List<(string CallSid, IReadOnlyDictionary<string, string> Form)> created = [];
    readonly List<IReadOnlyDictionary<string, string>> messages = [];
    readonly HashSet<string> unsubscribed = new(StringComparer.Ordinal);
    readonly Dictionary<string, Channel<string>> redirects = new(StringComparer.Ordinal);

    TwilioRestServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Answer with this status to the next request (a Twilio outage), then behave again.</summary>
    public int? FailNextWith { get; set; }

    /// <summary>Create the next call, then drop the connection without answering (the sid is lost on the way back).</summary>
    public bool DropNextCreateAnswer { get; set; }

    /// <summary>Every call created, in order: its sid and the form it was created with.</summary>
    public IReadOnlyList<(string CallSid, IReadOnlyDictionary<string, string> Form)> Created
    {
        get
        {
            lock (gate)
            {
                return created.ToList();
            }
        }
    }

    /// <summary>Every text sent, in order: the form it was sent with (To, From, Body).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Messages
    {
        get
        {
            lock (gate)
            {
                return messages.ToList();
            }
        }
    }

    /// <summary>The number replied STOP to Twilio: texts to it are refused with error 21610, as Twilio does.</summary>
    public void Unsubscribe(string number)
    {
        lock (gate)
        {
            unsubscribed.Add(number);
        }
    }

    public IReadOnlyDictionary<string, string> Call(string callSid)
    {
        lock (gate)
        {
            return calls[callSid];
        }
    }

    /// <summary>Every call update received, in order.</summary>
    public IReadOnlyList<(string CallSid, Dictionary<string, string> Form)> Updates
    {
        get
        {
            lock (gate)
            {
                return updates.ToList();
            }
        }
    }

    public static async Task<TwilioRestServer> StartAsync()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TwilioRestServer(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapPost("/2010-04-01/Accounts/{account}/Calls.json", server.CreateAsync);
        app.MapPost("/2010-04-01/Accounts/{account}/Calls/{callSid}.json", server.UpdateAsync);
        app.MapPost("/2010-04-01/Accounts/{account}/Messages.json", server.SendMessageAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>
    /// The callee picks up (or a machine does, <paramref name="answeredBy"/> as Twilio's machine detection reports
    /// it): Twilio requests the call's Url with a signed form. Returns the TwiML the product answered.
    /// </summary>
    public async Task<string> AnswerAsync(string callSid, string answeredBy)
    {
        var call = Call(callSid);
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["CallSid"] = callSid,
            ["CallStatus"] = "in-progress",
            ["Direction"] = "outbound-api",
            ["From"] = call["From"],
            ["To"] = call["To"],
            ["AnsweredBy"] = answeredBy,
        };
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, call["Url"]) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioWebhookSignature.Sign(AuthToken, call["Url"], form));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// Twilio reports the call's progress: posts the signed status callback (CallStatus <paramref name="status"/>, e.g.
    /// "initiated", "busy", "completed") to the StatusCallback the call was created with. Returns the HTTP status.
    /// </summary>
    public async Task<int> PostStatusAsync(string callSid, string status)
    {
        var call = Call(callSid);
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["CallSid"] = callSid,
            ["CallStatus"] = status,
            ["Direction"] = "outbound-api",
            ["From"] = call["From"],
            ["To"] = call["To"],
        };
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, call["StatusCallback"]) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioWebhookSignature.Sign(AuthToken, call["StatusCallback"], form));
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    async Task<IResult> CreateAsync(HttpRequest request, string account)
    {
        if (Refusal(request, account) is { } refused)
        {
            return refused;
        }
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        if (!form.TryGetValue("To", out var to) || !to.StartsWith('+') || to.Length < 8 || !to[1..].All(char.IsAsciiDigit))
        {
            return Error(400, 21211, $"Invalid 'To' Phone Number: {to}");
        }
        if (!form.ContainsKey("From"))
        {
            return Error(400, 21213, "No 'From' number is specified");
        }
        if (!form.ContainsKey("Url") && !form.ContainsKey("Twiml"))
        {
            return Error(400, 21205, "Url parameter is required.");
        }
        var sid = "CA" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (gate)
        {
            calls[sid] = form;
            created.Add((sid, form));
        }
        if (DropNextCreateAnswer)
        {
            DropNextCreateAnswer = false;
            request.HttpContext.Abort();
            return Results.Empty;
        }
        return Results.Json(Resource(sid, form, "queued"), statusCode: 201);
    }

    async Task<IResult> SendMessageAsync(HttpRequest request, string account)
    {
        if (Refusal(request, account) is { } refused)
        {
            return refused;
        }
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        if (!form.TryGetValue("To", out var to) || !to.StartsWith('+'))
        {
            return Error(400, 21211, $"Invalid 'To' Phone Number: {to}");
        }
        if (!form.TryGetValue("From", out var from) || string.IsNullOrEmpty(form.GetValueOrDefault("Body")))
        {
            return Error(400, 21602, "Message body is required.");
        }
        var sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (gate)
        {
            if (unsubscribed.Contains(to))
            {
                return Error(400, 21610, "Attempt to send to unsubscribed recipient");
            }
            messages.Add(form);
        }
        var resource = new Dictionary<string, object?>
        {
            ["sid"] = sid,
            ["account_sid"] = AccountSid,
            ["to"] = to,
            ["from"] = from,
            ["body"] = form["Body"],
            ["status"] = "queued",
            ["direction"] = "outbound-api",
            ["api_version"] = "2010-04-01",
            ["num_segments"] = "1",
            ["date_created"] = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture),
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{sid}.json",
        };
        return Results.Json(resource, statusCode: 201);
    }

    async Task<IResult> UpdateAsync(HttpRequest request, string account, string callSid)
    {
        if (Refusal(request, account) is { } refused)
        {
            return refused;
        }
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        Dictionary<string, string>? call;
        lock (gate)
        {
            calls.TryGetValue(callSid, out call);
            updates.Add((callSid, form));
            if (call is not null && form.TryGetValue("Twiml", out var twiml))
            {
                Redirects(callSid).Writer.TryWrite(twiml);
            }
        }
        return call is null
            ? Error(404, 20404, $"The requested resource /2010-04-01/Accounts/{account}/Calls/{callSid}.json was not found")
            : Results.Json(Resource(callSid, call, "in-progress"));
    }

    /// <summary>Test calls the product places as if Twilio had created them (an inbound call it then moves).</summary>
    public void Know(string callSid, string from, string to)
    {
        lock (gate)
        {
            calls[callSid] = new Dictionary<string, string> { ["From"] = from, ["To"] = to };
        }
    }

    /// <summary>The TwiML each update of this call carried, in order, for whoever plays the call's carrier side.</summary>
    public ChannelReader<string> RedirectsOf(string callSid)
    {
        lock (gate)
        {
            return Redirects(callSid).Reader;
        }
    }

    Channel<string> Redirects(string callSid)
    {
        if (!redirects.TryGetValue(callSid, out var channel))
        {
            redirects[callSid] = channel = Channel.CreateUnbounded<string>();
        }
        return channel;
    }

    IResult? Refusal(HttpRequest request, string account)
    {
        if (FailNextWith is { } status)
        {
            FailNextWith = null;
            return Error(status, 20500, "Internal Server Error");
        }
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        return AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var auth)
               && auth.Scheme == "Basic" && auth.Parameter == expected && account == AccountSid
            ? null
            : Error(401, 20003, "Authenticate");
    }

    static object Resource(string sid, Dictionary<string, string> form, string status) => new Dictionary<string, object?>
    {
        ["sid"] = sid,
        ["account_sid"] = AccountSid,
        ["to"] = form.GetValueOrDefault("To"),
        ["from"] = form.GetValueOrDefault("From"),
        ["status"] = status,
        ["direction"] = "outbound-api",
        ["api_version"] = "2010-04-01",
        ["date_created"] = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture),
        ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Calls/{sid}.json",
    };

    static IResult Error(int status, int code, string message) => Results.Json(new
    {
        code,
        message,
        more_info = $"https://www.twilio.com/docs/errors/{code.ToString(CultureInfo.InvariantCulture)}",
        status,
    }, statusCode: status);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
