using Dce.Console.Gateway;
using Dce.Console.Sessions;

namespace Dce.Console.Components.Shared;

/// <summary>
/// A page that follows the platform: it reads its data again every two seconds while it is open (the cluster, node
/// and namespace lists have no change feed; a read of an unchanged list is cheap) and stops when the page closes.
/// A failed read is kept in <see cref="ReadProblem"/>, apart from the refusal of an action in <c>Problem</c>.
/// </summary>
public abstract class PollingPage : ConsolePage, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _closing = new();
    private bool _following;

    /// <summary>The last failed read, cleared by the next read that succeeds.</summary>
    protected ApiProblem? ReadProblem { get; private set; }

    /// <summary>Reads what the page shows; called at once and then every two seconds.</summary>
    protected abstract Task ReadAsync(CancellationToken cancellationToken);

    protected async Task RefreshAsync()
    {
        try
        {
            await ReadAsync(_closing.Token);
            ReadProblem = null;
        }
        catch (ApiException refused)
        {
            ReadProblem = refused.Problem;
        }
        catch (SessionEndedException)
        {
            SignInAgain();
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && !_following)
        {
            _following = true;
            _ = FollowAsync();
        }
    }

    private async Task FollowAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token))
            {
                await InvokeAsync(async () =>
                {
                    await RefreshAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
        GC.SuppressFinalize(this);
    }
}
