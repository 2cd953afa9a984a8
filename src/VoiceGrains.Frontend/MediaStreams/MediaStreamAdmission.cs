using System.Net;
using Microsoft.Extensions.Options;

namespace VoiceGrains.Frontend.MediaStreams;

/// <summary>
/// Counts the media sockets open: at most <see cref="MediaStreamOptions.MaxSessions"/> in all and
/// <see cref="MediaStreamOptions.MaxUnstartedPerAddress"/> not yet started from any one address. The socket is the
/// only thing on the carrier surface a stranger can hold open without a signature, so it is what gets counted;
/// once a stream has started (with its call's token) it no longer counts against its address.
/// </summary>
sealed class MediaStreamAdmission(IOptions<MediaStreamOptions> options)
{
    readonly Lock counting = new();
    readonly Dictionary<IPAddress, int> unstarted = [];
    int open;

    /// <summary>A place for one more socket from this address, or null when there is none.</summary>
    public Ticket? TryAdmit(IPAddress address)
    {
        lock (counting)
        {
            var waiting = unstarted.GetValueOrDefault(address);
            if (open >= options.Value.MaxSessions || waiting >= options.Value.MaxUnstartedPerAddress)
            {
                return null;
            }
            open++;
            unstarted[address] = waiting + 1;
            return new Ticket(this, address);
        }
    }

    void Release(IPAddress address, bool started)
    {
        lock (counting)
        {
            if (!started)
            {
                Unwait(address);
            }
            open--;
        }
    }

    void Started(IPAddress address)
    {
        lock (counting)
        {
            Unwait(address);
        }
    }

    void Unwait(IPAddress address)
    {
        if (--unstarted[address] == 0)
        {
            unstarted.Remove(address);
        }
    }

    /// <summary>One admitted socket: say when it has started, dispose it when it closes.</summary>
    public sealed class Ticket(MediaStreamAdmission admission, IPAddress address) : IDisposable
    {
        bool started;
        bool released;

        public void Started()
        {
            if (!started && !released)
            {
                started = true;
                admission.Started(address);
            }
        }

        public void Dispose()
        {
            if (!released)
            {
                released = true;
                admission.Release(address, started);
            }
        }
    }
}
