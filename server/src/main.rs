use app::backend::auth::upsert_user;
use app::backend::core::mail::Mailer;
use app::backend::now_ms;
use app::domain::{Email, Role};
use server::config::Settings;
use server::seed;
use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "\
Usage: kizuna [COMMAND]

Commands:
  serve                         Run the web server and background workers (default)
  migrate                       Apply database migrations and exit
  seed-demo [--candidates N]    Fill an empty database with a demo company (default 300 candidates)
  bench [segments|campaigns|analytics] [--candidates N]
                                Measure the candidate list, segment counts, a campaign or the reports (seeds N demo candidates into an
                                empty database first, default 100000); prints a Markdown table
  create-admin EMAIL [NAME] [--role admin|recruiter|viewer]
                                Create or reset a user; the password is read from stdin
  help                          Show this help

Configuration comes from environment variables; see the README.";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("kizuna: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Vec<String>) -> Result<(), String> {
    let settings = Settings::from_env()?;
    let command = args.first().map(String::as_str).unwrap_or("serve");
    match command {
        "serve" => serve(settings).await,
        "migrate" => {
            server::prepare(&settings.database_url, settings.app.clone()).await?;
            println!("migrations applied");
            Ok(())
        }
        "seed-demo" => seed_demo(settings, &args[1..]).await,
        "create-admin" => create_admin(settings, &args[1..]).await,
        "bench" => bench(settings, &args[1..]).await,
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command '{other}'\n\n{USAGE}")),
    }
}

async fn serve(settings: Settings) -> Result<(), String> {
    let state = server::prepare(&settings.database_url, settings.app.clone()).await?;
    if settings.demo {
        let summary = seed::seed_demo(&state.db, 300, now_ms()).await.map_err(|e| format!("seeding failed: {e}"))?;
        print_demo_help(&settings, summary);
    }
    let mailer = Mailer::new(settings.app.smtp_url.as_deref(), &settings.app.data_dir, &settings.app.mail_from)?;
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let worker = server::workers::spawn(state.clone(), mailer, Duration::from_millis(settings.mail_poll_ms), stop_rx);
    let options = server::leptos_options(settings.site_addr, &settings.site_root);
    let app = server::router(state.clone(), options);
    let listener =
        tokio::net::TcpListener::bind(settings.site_addr).await.map_err(|e| format!("{}: {e}", settings.site_addr))?;
    tracing::info!("Kizuna listening on http://{} (links use {})", settings.site_addr, settings.app.base_url);
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())?;
    let _ = stop_tx.send(true);
    let _ = worker.await;
    state.db.close().await;
    Ok(())
}

async fn seed_demo(settings: Settings, args: &[String]) -> Result<(), String> {
    let candidates = match args {
        [] => 300,
        [flag, n] if flag == "--candidates" => n.parse().map_err(|_| "--candidates needs a number")?,
        _ => return Err("usage: kizuna seed-demo [--candidates N]".into()),
    };
    let state = server::prepare(&settings.database_url, settings.app.clone()).await?;
    let summary = seed::seed_demo(&state.db, candidates, now_ms()).await.map_err(|e| format!("seeding failed: {e}"))?;
    print_demo_help(&settings, summary);
    state.db.close().await;
    Ok(())
}

async fn bench(settings: Settings, args: &[String]) -> Result<(), String> {
    let (what, args) = match args.split_first() {
        Some((what, rest)) if ["segments", "campaigns", "analytics", "list"].contains(&what.as_str()) => {
            (what.as_str(), rest)
        }
        _ => ("list", args),
    };
    let candidates = match args {
        [] => 100_000,
        [flag, n] if flag == "--candidates" => n.parse().map_err(|_| "--candidates needs a number")?,
        _ => return Err("usage: kizuna bench [list|segments|campaigns|analytics] [--candidates N]".into()),
    };
    let state = server::prepare(&settings.database_url, settings.app.clone()).await?;
    let started = std::time::Instant::now();
    let summary = seed::seed_demo(&state.db, candidates, now_ms()).await.map_err(|e| format!("seeding failed: {e}"))?;
    if !summary.already_seeded {
        println!("seeded {} candidates in {:.1} s\n", summary.candidates, started.elapsed().as_secs_f64());
    }
    // planner statistics and (PostgreSQL) the visibility map that lets a count read an index alone, as autovacuum
    // or a periodic ANALYZE (SQLite) keeps them in production
    let analyze = if state.db.kind() == app::backend::DbKind::Postgres { "VACUUM ANALYZE" } else { "ANALYZE" };
    sqlx::query(analyze).execute(state.db.pool()).await.map_err(|e| format!("analyze: {e}"))?;
    let report = match what {
        "segments" => server::bench::segments::run(&state.db).await.map_err(|e| e.to_string()),
        "campaigns" => server::bench::campaigns::run(&state).await,
        "analytics" => server::bench::analytics::run(&state.db).await.map_err(|e| e.to_string()),
        _ => server::bench::run(&state.db).await.map_err(|e| e.to_string()),
    }
    .map_err(|e| format!("bench: {e}"))?;
    println!("{report}");
    state.db.close().await;
    Ok(())
}

fn print_demo_help(settings: &Settings, summary: seed::SeedSummary) {
    if summary.already_seeded {
        println!("The database already holds candidates; demo data not added.");
    } else {
        println!(
            "Demo data: {} candidates, {} applications, {} jobs.",
            summary.candidates, summary.applications, summary.jobs
        );
    }
    println!(
        "\nSign in at {base}/admin/sign-in as {admin} (or {recruiter}, {viewer}) with the password {password}\n\
         Candidate portal: {base}/portal/sign-in with {candidate}; the sign-in link appears in {base}/admin/mailbox and {dir}/mail/\n\
         Career relay: reject {relay} in {base}/admin/candidates; partner portal {base}/agency/sign-in as {agency} (same password)",
        base = settings.app.base_url,
        admin = seed::DEMO_ADMIN,
        recruiter = seed::DEMO_RECRUITER,
        viewer = seed::DEMO_VIEWER,
        password = seed::DEMO_PASSWORD,
        candidate = seed::DEMO_CANDIDATE,
        relay = seed::DEMO_RELAY_CANDIDATES[0],
        agency = seed::DEMO_AGENCY_USERS[0],
        dir = settings.app.data_dir.display(),
    );
}

async fn create_admin(settings: Settings, args: &[String]) -> Result<(), String> {
    let mut role = Role::Admin;
    let mut positional = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--role" {
            let value = iter.next().ok_or("--role needs a value")?;
            role =
                Role::parse(value).filter(|r| *r != Role::Agency).ok_or("--role must be admin, recruiter or viewer")?;
        } else {
            positional.push(arg.clone());
        }
    }
    let email = positional.first().ok_or("usage: kizuna create-admin EMAIL [NAME] [--role ROLE]")?;
    let email = Email::parse(email).map_err(|_| format!("not a valid e-mail address: {email}"))?;
    let name =
        positional.get(1).cloned().unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("admin").to_owned());
    let password = read_password()?;
    let state = server::prepare(&settings.database_url, settings.app.clone()).await?;
    upsert_user(&state.db, &email, &name, &password, role, now_ms()).await.map_err(|e| {
        if e.status() == 422 {
            "the password must have at least 10 characters".into()
        } else {
            e.to_string()
        }
    })?;
    println!("{} can now sign in at {}/admin/sign-in as {}", email, settings.app.base_url, role.as_str());
    state.db.close().await;
    Ok(())
}

/// The password comes from stdin, never from the command line (where `ps` and shell history would see it):
/// typed twice without echo at a terminal, else the first line of standard input.
fn read_password() -> Result<String, String> {
    let stdin = std::io::stdin();
    let password = if stdin.is_terminal() {
        let first = rpassword::prompt_password("Password (at least 10 characters): ").map_err(|e| e.to_string())?;
        let again = rpassword::prompt_password("Password again: ").map_err(|e| e.to_string())?;
        if first != again {
            return Err("the passwords do not match".into());
        }
        first
    } else {
        let mut line = String::new();
        stdin.lock().read_line(&mut line).map_err(|e| e.to_string())?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if password.is_empty() {
        return Err("no password given".into());
    }
    Ok(password)
}
