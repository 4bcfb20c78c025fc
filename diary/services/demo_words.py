"""Word pools for the demo caseload: names, places and the phrases officers write."""

from __future__ import annotations

FIRST_NAMES_MALE: tuple[str, ...] = (
    "Jon", "James", "Daniel", "Liam", "Connor", "Ryan", "Jamie", "Kieran", "Lee", "Craig",
    "Mohammed", "Muhammad", "Imran", "Bilal", "Tariq", "Adeel", "Kyle", "Dean", "Wayne", "Stephen",
    "Steven", "Sean", "Shaun", "Callum", "Reece", "Jordan", "Tyrone", "Marcus", "Darnell", "Kwame",
    "Tomasz", "Piotr", "Marek", "Andrei", "Ionut", "Darius", "Jason", "Gary", "Paul", "Mark",
    "Dylan", "Lewis", "Aaron", "Nathan", "Owen", "Rhys", "Gareth", "Dafydd", "Patrick", "Declan",
    "Ahmed", "Hassan", "Yusuf", "Omar", "Kofi", "Tendai", "Minh", "Jake", "Harry", "Scott",
)
FIRST_NAMES_FEMALE: tuple[str, ...] = (
    "Sarah", "Emma", "Chloe", "Jade", "Kayleigh", "Stacey", "Leanne", "Gemma", "Catherine", "Kathryn",
    "Aisha", "Fatima", "Zainab", "Shanice", "Tanisha", "Agnieszka", "Magdalena", "Siobhan", "Niamh", "Rhiannon",
    "Rebecca", "Danielle", "Nicola", "Amy", "Laura", "Keeley", "Demi", "Courtney", "Olivia", "Hannah",
)
LAST_NAMES: tuple[str, ...] = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
    "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
    "O'Brien", "O'Connor", "O'Neill", "McDonald", "MacDonald", "McCarthy", "McKenzie", "MacLeod", "Murphy", "Kelly",
    "Khan", "Hussain", "Ali", "Ahmed", "Akhtar", "Iqbal", "Mahmood", "Rahman", "Begum", "Patel",
    "Smith-Jones", "Lloyd-Evans", "Ashworth", "Pickles", "Sutcliffe", "Holroyd", "Barraclough", "Hirst", "Haigh", "Booth",
    "Kowalski", "Nowak", "Wisniewski", "Popescu", "Ionescu", "Nguyen", "Tran", "Mensah", "Okafor", "Adeyemi",
    "Campbell", "Stewart", "Morgan", "Hughes", "Edwards", "Price", "Griffiths", "Powell", "Reid", "Grant",
)
STREETS: tuple[str, ...] = (
    "Harehills Lane", "Roundhay Road", "Beeston Road", "Dewsbury Road", "Kirkstall Road", "York Road",
    "Chapeltown Road", "Tong Road", "Town Street", "Stanningley Road", "Leeds Road", "Manningham Lane",
    "Thornton Road", "Huddersfield Road", "Bradford Road", "Wakefield Road", "Otley Road", "Station Road",
)
TOWNS: tuple[tuple[str, str], ...] = (
    ("Leeds", "LS9"), ("Leeds", "LS11"), ("Leeds", "LS12"), ("Leeds", "LS7"), ("Leeds", "LS14"),
    ("Bradford", "BD3"), ("Bradford", "BD8"), ("Wakefield", "WF1"), ("Dewsbury", "WF13"), ("Batley", "WF17"),
)
COURTS: tuple[str, ...] = (
    "Leeds Magistrates' Court", "Leeds Crown Court", "Bradford Crown Court", "Bradford and Keighley Magistrates' Court",
    "Wakefield Magistrates' Court", "Kirklees Magistrates' Court",
)
PRISONS: tuple[str, ...] = ("HMP Leeds", "HMP Wakefield", "HMP Wealstun", "HMP New Hall", "HMP Moorland", "HMP Hull")
PROGRAMMES: tuple[tuple[str, int], ...] = (
    ("Building Better Relationships", 24),
    ("Thinking Skills Programme", 19),
    ("Resolve", 24),
    ("Building Choices", 27),
)
LICENCE_CONDITIONS: tuple[str, ...] = (
    "Reside permanently at an address approved by the supervising officer.",
    "Not to contact or associate with the victim, directly or indirectly.",
    "Attend all appointments arranged with Forward Leeds drug service and co-operate fully.",
    "Comply with a curfew between 19:00 and 07:00, electronically monitored.",
    "Not to enter the exclusion zone around Harehills shown on the attached map.",
    "Notify the supervising officer of any developing intimate relationship.",
    "Provide a sample for drug testing when instructed.",
    "Engage with the mental health in-reach team as directed.",
)
FLAGS: tuple[str, ...] = (
    "Domestic abuse perpetrator", "Child protection concerns", "Self-harm risk", "Lone working: visit in pairs",
    "Interpreter: Polish", "Interpreter: Urdu", "Dog at the address", "Approved premises resident",
    "Victim contact scheme", "Weapons history",
)
RELATIVES: tuple[str, ...] = ("mother", "father", "partner", "sister", "brother", "grandmother", "aunt")
PROFESSIONALS: tuple[tuple[str, str], ...] = (
    ("drug worker, Forward Leeds", "0113 496 0412"),
    ("housing officer", "0113 496 0733"),
    ("GP surgery", "0113 496 0290"),
    ("community psychiatric nurse", "0113 496 0568"),
    ("social worker, children's services", "0113 496 0891"),
    ("job coach, Jobcentre Plus", "0113 496 0157"),
)
ROOMS: tuple[str, ...] = ("Interview room 1", "Interview room 2", "Interview room 3", "Interview room 4")
UNPAID_WORK_PROJECTS: tuple[str, ...] = (
    "Roundhay Park grounds", "Kirkstall Abbey gardens", "St Vincent's charity shop", "Canal towpath clearance",
)
SESSION_NOTES: tuple[str, ...] = (
    "Discussed accommodation; still sofa-surfing at his sister's. Housing referral chased.",
    "Reviewed the week. Reports staying away from former associates. Worked on consequential thinking.",
    "Completed the second part of the victim awareness exercise. Engaged well and reflected on impact.",
    "Talked about finances: rent arrears of about 400 pounds. Signposted to Citizens Advice.",
    "Drug use discussed openly; says he has cut down. Encouraged to keep his Forward Leeds appointments.",
    "Employment: has an interview at the warehouse on Monday. Helped with the application form.",
    "Relationship with partner remains strained. Reminded of the non-contact condition regarding his ex-partner.",
    "Mood low this week; sleeping badly. Agreed to see the GP and gave the crisis line number.",
    "Good session. Completed the thinking-skills worksheet on problem solving. Home circumstances stable.",
    "Arrived late but apologised. Went through the sentence plan objectives and progress on each.",
    "Discussed triggers for alcohol use and a relapse plan for the weekend. Agreed to attend the recovery café.",
    "Reviewed licence conditions line by line; understands them. No concerns raised by the hostel staff.",
)
PHONE_NOTES: tuple[str, ...] = (
    "Phoned to say the bus was cancelled; will attend the rebooked appointment.",
    "Called the housing officer about the tenancy application: decision expected in two weeks.",
    "Spoke to the drug worker: attending, two negative tests this month.",
    "Left a voicemail reminding of Thursday's appointment.",
    "Call from the mother: worried he is drinking again. Will raise at the next session.",
    "Spoke to the hostel key worker: curfew kept all week, room search negative.",
)
EMAIL_NOTES: tuple[str, ...] = (
    "Emailed the programmes team to confirm the start date for the next cohort.",
    "Email from the police offender manager: no new intelligence this month.",
    "Sent the unpaid work team the updated availability (working Monday to Wednesday).",
    "Email to children's services with an update ahead of the core group meeting.",
)
AGENCY_NOTES: tuple[str, ...] = (
    "MAPPA level 2 meeting: actions agreed, review in three months.",
    "Three-way call with the mental health team: medication reviewed, engagement good.",
    "Prison offender manager update: release plan on track, accommodation confirmed at approved premises.",
    "Multi-agency risk assessment conference: safety plan for the ex-partner reviewed.",
)
PRISON_VISIT_NOTES: tuple[str, ...] = (
    "Prison visit for sentence planning. Discussed release address and licence conditions.",
    "Video link with the prison: pre-release planning, accommodation referral submitted.",
)
