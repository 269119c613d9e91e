// The cafés of the calendar benchmarks, shared by the bench page (in memory) and the long-task
// runner (served as the API's JSON): `count` cafés from Monday 4 May 2026 on, one cancelled in
// eight, one in five online, the 21st spanning three days.
export const START = Date.UTC(2026, 4, 4, 15, 30); // Monday 4 May 2026, 17:30 in Paris

export const DISTRICT_IDS = ['saint-leu', 'etouvie', 'centre-ville', 'amiens-nord'];

export function makeCafes(count) {
  return Array.from({ length: count }, (_, i) => {
    const begin = new Date(START + Math.floor(i * 1.5) * 86_400_000 + (i % 3) * 3_600_000);
    const days = i === 20 ? 3 : 0;
    return {
      id: `cafe-${i + 1}`,
      title: { fr: `Café avec la police n° ${i + 1}`, en: `Coffee with the police no. ${i + 1}` },
      description: { fr: 'Un moment d’échange informel avec les policiers du quartier.' },
      start: begin.toISOString(),
      end: new Date(begin.getTime() + (days ? days * 86_400_000 : 5_400_000)).toISOString(),
      timeZone: 'Europe/Paris',
      allDay: days > 0,
      place: { name: 'Le Quai', address: 'Place du Don, 80000 Amiens', lat: 49.8964, lon: 2.3012 },
      districtId: DISTRICT_IDS[i % 4],
      mode: i % 5 === 0 ? 'online' : 'in-person',
      ...(i % 5 === 0 ? { onlineUrl: 'https://visio.example.org/permanence' } : {}),
      organizer: { name: 'Police municipale d’Amiens' },
      accessibility: { fr: 'Accès de plain-pied.', en: 'Step-free access.' },
      languages: ['fr'],
      status: i % 8 === 7 ? 'cancelled' : 'scheduled',
      sequence: 0,
      updatedAt: '2026-04-20T09:15:00Z',
    };
  });
}

export const districts = DISTRICT_IDS.map((id) => ({ id, name: id }));
