using System.Net;
using Microsoft.Extensions.Options;

namespace VoiceGrains.Frontend.MediaStreams;

/// <summary>
/// Counts the media sockets open: at most <see cref="MediaStreamOptions.MaxSessions"/> in all and
/// <see cref="MediaStreamOptions.MaxUnstartedPerAddress"/> not yet started from any one address. The socket is the only
/// thing on the carrier surface a stranger can hold open without a signature (Twilio's Stream url takes no query string,
/// so nothing can be checked before the first message), so it is what gets counted.
/// <para>
/// When all places are taken, the socket that has waited longest without starting is closed to make room, rather than
/// the new one refused: a real call's socket starts within milliseconds of opening, so sockets held open by a stranger
/// cannot keep it out (refusing instead let 1,000 idle sockets lock every new call out). Only when every open socket
/// has started (a thousand live calls) is a new one refused.
/// </para>
/// </summary>
sealed class MediaStreamAdmission(IOptions<MediaStreamOptions> options)
{
    readonly Lock counting = new();
    readonly Dictionary<IPAddress, int> unstartedFrom = [];
    readonly LinkedList<Ticket> unstarted = [];
    int open;

    /// <summary>A place for one more socket from this address, or null when there is none.</summary>
    public Ticket? TryAdmit(IPAddress address)
    {
        Ticket? evicted = null;
        Ticket admitted;
        lock (counting)
        {
            var waiting = unstartedFrom.GetValueOrDefault(address);
            if (waiting >= options.Value.MaxUnstartedPerAddress || open >= options.Value.MaxSessions && unstarted.Count == 0)
            {
                return null;
            }
            if (open >= options.Value.MaxSessions)
            {
                evicted = unstarted.First!.Value;
                Unwait(evicted);
                evicted.Evicted = true;
                open--;
            }
            open++;
            unstartedFrom[address] = waiting + 1;
            admitted = new Ticket(this, address);
            admitted.Waiting = unstarted.AddLast(admitted);
        }
        evicted?.CloseForRoom();
        return admitted;
    }

    void Started(Ticket ticket)
    {
        lock (counting)
        {
            if (ticket.Waiting is not null)
            {
                Unwait(ticket);
            }
        }
    }

    void Release(Ticket ticket)
    {
        lock (counting)
        {
            if (ticket.Evicted)
            {
                return;
            }
            if (ticket.Waiting is not null)
            {
                Unwait(ticket);
            }
            open--;
        }
    }

    void Unwait(Ticket ticket)
    {
        unstarted.Remove(ticket.Waiting!);
        ticket.Waiting = null;
        if (--unstartedFrom[ticket.Address] == 0)
        {
            unstartedFrom.Remove(ticket.Address);
        }
    }

    /// <summary>One admitted socket: say when it has started, dispose it when it closes; closed early to make room.</summary>
    public sealed class Ticket(MediaStreamAdmission admission, IPAddress address) : IDisposable
    {
        // Never disposed: it may be cancelled (outside the admission's lock, as its callbacks close a socket) just as its
        // socket ends, and a source without a timer holds nothing that needs disposing.
        readonly CancellationTokenSource making = new();
        bool released;

        internal IPAddress Address => address;

        internal LinkedListNode<Ticket>? Waiting { get; set; }

        internal bool Evicted { get; set; }

        /// <summary>Cancelled when this socket, not yet started, is closed to make room for a new one.</summary>
        public CancellationToken Room => making.Token;

        public void Started() => admission.Started(this);

        internal void CloseForRoom() => making.Cancel();

        public void Dispose()
        {
            if (!released)
            {
                released = true;
                admission.Release(this);
            }
        }
    }
}
