using System.Threading.Channels;

namespace VoiceGrains.Simulator;

/// <summary>Where the simulated carrier calls, as whom, and how its caller takes turns.</summary>
public sealed record SimulatorOptions
{
    /// <summary>The front end the requests go to, e.g. http://127.0.0.1:5080.</summary>
    public required Uri Server { get; init; }

    /// <summary>The address the signatures cover: the front end's Twilio:PublicBaseUrl (default: <see cref="Server"/>).</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>The Twilio auth token the front end checks signatures with. A secret: never printed.</summary>
    public required string AuthToken { get; init; }

    /// <summary>
    /// The operators' console, whose REST API has the server's record of each call (the carrier's front end serves
    /// operators nothing), e.g. http://127.0.0.1:5090.
    /// </summary>
    public required Uri Console { get; init; }

    /// <summary>An operator's API token for the console (<c>voicegrains operators token</c>). A secret: never printed.</summary>
    public required string ApiToken { get; init; }

    public string From { get; init; } = "+15550100015";

    public string To { get; init; } = "+15550100000";

    /// <summary>How long the agent has been audible before a [barge-in] line starts.</summary>
    public TimeSpan BargeInAfter { get; init; } = TimeSpan.FromMilliseconds(700);

    /// <summary>Agent audio that stops for this long, with everything played up to a sentence's end, means the agent has finished.</summary>
    public TimeSpan ReplyGap { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>A reply not begun this long after the caller's line is reported as missing.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>After the last line, how long the caller waits, once the agent is quiet, for it to hang up before hanging up itself.</summary>
    public TimeSpan HangUpWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A caller on speakerphone: the agent's audio, as the phone plays it, comes back on the caller's line (null: a
    /// handset with no echo).
    /// </summary>
    public SpeakerphoneEcho? Echo { get; init; }

    /// <summary>The call's sid; by default a new random one, as Twilio gives each call.</summary>
    public string? CallSid { get; init; }

    /// <summary>
    /// Set to answer a call the product placed instead of calling in: the simulator is then the callee (<see cref="To"/>,
    /// called from <see cref="From"/>), its webhooks go to the call's own addresses, and the agent speaks first.
    /// </summary>
    public PlacedCall? Answering { get; init; }

    /// <summary>Told as each caller line has had its reply begin (progress, or a test acting mid-call).</summary>
    public Func<string, TurnReport, CancellationToken, Task>? TurnCompleted { get; init; }

    /// <summary>Told of each 20 ms frame of the caller's audio as it goes on the line (a benchmark times listening in against it).</summary>
    public Action<byte[]>? CallerFrameSent { get; init; }

    /// <summary>Told of each 20 ms frame of the agent's audio as the carrier receives it.</summary>
    public Action<byte[]>? AgentFrameReceived { get; init; }

    /// <summary>
    /// The TwiML the product updated this live call with through the carrier's REST API, as it comes (a carrier's
    /// stand-in feeds it): one that connects a stream moves the call to that stream.
    /// </summary>
    public ChannelReader<string>? Redirects { get; init; }

    public Uri SignedBase => PublicUrl ?? Server;
}
