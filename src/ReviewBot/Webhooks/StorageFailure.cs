using System.Data.Common;
using System.Net.Sockets;
using Quartz;

namespace ReviewBot.Webhooks;

/// <summary>
/// Tells a storage outage (database down, restarting, locked, timing out; the job store failing because of it) from a
/// bug. An outage is answered with 503, which a sender may retry; anything else stays a 500.
/// </summary>
internal static class StorageFailure
{
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or JobPersistenceException or TimeoutException or SocketException or IOException)
            {
                return true;
            }
        }

        return false;
    }
}
