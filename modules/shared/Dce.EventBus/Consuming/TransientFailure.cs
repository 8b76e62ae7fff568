using System.Data.Common;

namespace Dce.EventBus.Consuming;

/// <summary>Tells an outage of the module's database apart from a failure of the message's own handling.</summary>
internal static class TransientFailure
{
    public static bool IsTransient(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
