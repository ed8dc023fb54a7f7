//! A small SMTP server: speaks the protocol over a real socket and records each message. The tests deliver to it,
//! and `kizuna bench campaigns` measures delivery over SMTP with it.
//! It can refuse the first N messages with a temporary failure (451).
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone, Default)]
pub struct SmtpServer {
    pub messages: Arc<Mutex<Vec<String>>>,
    refuse_remaining: Arc<AtomicUsize>,
    /// connections accepted so far
    pub connections: Arc<AtomicUsize>,
    pub port: u16,
}

impl SmtpServer {
    pub async fn start(refuse_first: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a local port");
        let server = SmtpServer {
            messages: Arc::default(),
            refuse_remaining: Arc::new(AtomicUsize::new(refuse_first)),
            connections: Arc::default(),
            port: listener.local_addr().expect("a bound port").port(),
        };
        let handle = server.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let handle = handle.clone();
                handle.connections.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(async move { handle.session(socket).await });
            }
        });
        server
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn message_ids(&self) -> Vec<String> {
        self.messages
            .lock()
            .expect("not poisoned")
            .iter()
            .filter_map(|m| m.lines().find_map(|l| l.strip_prefix("Message-ID: ").map(str::to_owned)))
            .collect()
    }

    async fn session(self, socket: tokio::net::TcpStream) {
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        let _ = write.write_all(b"220 kizuna-sink ESMTP\r\n").await;
        while let Ok(Some(line)) = lines.next_line().await {
            let verb = line.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
            let reply: &[u8] = match verb.as_str() {
                "EHLO" => b"250-kizuna-sink\r\n250 8BITMIME\r\n",
                "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 OK\r\n",
                "DATA" => {
                    let _ = write.write_all(b"354 go ahead\r\n").await;
                    let mut data = String::new();
                    while let Ok(Some(line)) = lines.next_line().await {
                        if line == "." {
                            break;
                        }
                        data.push_str(&line);
                        data.push('\n');
                    }
                    let refuse = self
                        .refuse_remaining
                        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                        .is_ok();
                    if refuse {
                        b"451 try again later\r\n"
                    } else {
                        self.messages.lock().expect("not poisoned").push(data);
                        b"250 queued\r\n"
                    }
                }
                "QUIT" => {
                    let _ = write.write_all(b"221 bye\r\n").await;
                    return;
                }
                _ => b"502 not implemented\r\n",
            };
            if write.write_all(reply).await.is_err() {
                return;
            }
        }
    }
}
