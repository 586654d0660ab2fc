using WelfareFlow.Server;

var builder = WebApplication.CreateBuilder(ServerSetup.BuilderOptions(args));
builder.AddWelfareFlow();

var app = builder.Build();
app.MapWelfareFlow();
app.Run();

/// <summary>Entry point; public so tests can start the Server in process.</summary>
public partial class Program;
