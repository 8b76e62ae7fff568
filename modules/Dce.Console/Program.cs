namespace Dce.Console;

/// <summary>The console's entry point; tests host it through the whole graph.</summary>
public sealed class Program
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddConsole();
        var app = builder.Build();
        app.MapConsole();
        app.Run();
    }
}
